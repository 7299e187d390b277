// The model: u'' = f(u) on (0,1) with a boundary condition at each end.
#pragma once

#include <stdexcept>
#include <string>

namespace radbound {

// A parameter out of its accepted range. `field()` names it as the model does ("nr", "theta_s",
// "nc", "theta_inf", "q", "left", "right", or "problem" for a combination without a unique
// solution); what() is a complete sentence naming the value and what is accepted.
class ParameterError : public std::invalid_argument {
 public:
  ParameterError(std::string field, const std::string& message)
      : std::invalid_argument(message), field_(std::move(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

// Kinds of end condition. "Outward flux" is +u'(0) at the left end and -u'(1) at the right end.
enum class BoundaryKind { dirichlet, insulated, flux, convective, radiative };

// One end condition. `value` is V (dirichlet), G (flux), BI (convective) or R (radiative);
// `theta` is the ambient temperature of a convective or radiative end, or NaN for the model's
// default (theta_inf for convective, theta_s for radiative), which Problem resolves.
struct BoundaryCondition {
  BoundaryKind kind = BoundaryKind::insulated;
  double value = 0.0;
  double theta;

  static BoundaryCondition dirichlet(double v);
  static BoundaryCondition insulated();
  static BoundaryCondition flux(double g);
  static BoundaryCondition convective(double bi);
  static BoundaryCondition convective(double bi, double theta);
  static BoundaryCondition radiative(double r);
  static BoundaryCondition radiative(double r, double theta);

  bool is_dirichlet() const { return kind == BoundaryKind::dirichlet; }
  bool has_default_theta() const;
};

// Canonical spec text of an end: "dirichlet:1", "convective:0.5:0.3", ... (the ambient is
// printed only when it was given explicitly).
std::string to_string(const BoundaryCondition& bc);
std::string to_string(BoundaryKind kind);

// Sign-preserving fourth power u|u|^3: equals u^4 for every physical (u >= 0) temperature and keeps
// f and the radiative flux increasing for all u, so the problem stays well posed even if a
// non-physical intermediate (a Newton iterate, a shooting trial) dips below zero.
inline double pow4(double u) { return u * u * u * (u < 0 ? -u : u); }

// The parameters of the model, with defaults of the classic radiating fin with an insulated tip.
struct Problem {
  double nr = 1.0;         // Nr >= 0, radiation-conduction parameter
  double theta_s = 0.0;    // theta_s >= 0, radiation sink temperature
  double nc = 0.0;         // Nc >= 0, convection-conduction parameter
  double theta_inf = 0.0;  // theta_inf >= 0, fluid temperature
  double q = 0.0;          // Q, uniform heat generation (any finite value)
  BoundaryCondition left = BoundaryCondition::dirichlet(1.0);
  BoundaryCondition right = BoundaryCondition::insulated();

  // f(u) = Nr (u^4 - theta_s^4) + Nc (u - theta_inf) - Q, with u^4 read as pow4(u).
  double f(double u) const;
  // f'(u) = 4 Nr u^2 |u| + Nc >= 0.
  double df(double u) const;
  // Primitive F with F' = f and F(0) = 0.
  double F(double u) const;

  // Outward flux g(u) through an end and its derivative g'(u) >= 0 (zero for dirichlet).
  double outward_flux(const BoundaryCondition& bc, double u) const;
  double outward_flux_slope(const BoundaryCondition& bc, double u) const;
  // The ambient temperature of a convective/radiative end after applying the model default.
  double ambient(const BoundaryCondition& bc) const;

  // Throws ParameterError naming the field, its value and the accepted range when a value is
  // out of range or not finite, or when the problem has no unique solution.
  void check_param() const;
};

}  // namespace radbound
