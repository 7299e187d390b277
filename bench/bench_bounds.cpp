// Tightness and cost of the analytical bounds on the classic fin (u(0) = 1, insulated tip,
// Nc = Q = 0): relative gap (u_hi - u_lo) / u at x = 1 and x = 0.5 over
// Nr = geomspace(1e-2, 1e2, 41) x theta_s in {0, 0.3, 0.6, 0.9}, and the time per bounds() call
// plus the evaluations a sweep row makes (x = 0, 0.5, 1, the slope bounds and the gap); each
// unseeded and seeded with the solve_fd solution at tol 1e-8 (as a sweep would seed them).
//
// u comes from the first integral: the tip value t solves 1 = int_t^1 ds / sqrt(2 (F(s) - F(t)))
// (s = t + w^2 removes the singularity; Gauss-Legendre on a graded w mesh, bisection on t), and
// u(0.5) from the same integral stopped at x = 0.5. Used only to divide the gap by u.
#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <string>
#include <vector>

#include "radbound/bounds.hpp"
#include "radbound/fd.hpp"

namespace {

using radbound::Problem;

// 2 (F(t + d) - F(t)) without cancellation (Nc = Q = 0): 2 Nr d [ (v^5 - t^5) / (5 d) - ts^4 ]
// with (v^5 - t^5) / (5 d) - t^4 and t^4 - ts^4 expanded in differences.
double energy(const Problem& p, double t, double d) {
  const double v = t + d, ts = p.theta_s;
  const double excess = (d * (v * v * v + v * v * t + v * t * t + t * t * t) +
                         t * d * (v * v + v * t + t * t) + t * t * d * (v + t) + t * t * t * d) / 5.0;
  const double base = (t - ts) * (t + ts) * (t * t + ts * ts);
  return 2.0 * p.nr * d * (excess + base);
}

// x(s) from the tip: length needed to climb from t to s, int_t^s dv / sqrt(2 (F(v) - F(t))).
double climb(const Problem& p, double t, double s) {
  static const double node[5] = {-0.9061798459386640, -0.5384693101056831, 0.0,
                                 0.5384693101056831, 0.9061798459386640};
  static const double weight[5] = {0.2369268850561891, 0.4786286704993665, 0.5688888888888889,
                                   0.4786286704993665, 0.2369268850561891};
  const double wmax = std::sqrt(s - t);
  const int cells = 400;
  double sum = 0.0;
  for (int c = 0; c < cells; ++c) {
    // cells graded toward w = 0 where the integrand varies fastest
    const double a = wmax * std::pow(static_cast<double>(c) / cells, 2);
    const double b = wmax * std::pow(static_cast<double>(c + 1) / cells, 2);
    for (int k = 0; k < 5; ++k) {
      const double w = 0.5 * (a + b) + 0.5 * (b - a) * node[k];
      sum += 0.5 * (b - a) * weight[k] * 2.0 * w / std::sqrt(energy(p, t, w * w));
    }
  }
  return sum;
}

struct Exact {
  double tip, mid;
};

Exact exact_fin(const Problem& p) {
  double lo = 0.0, hi = 1.0;  // the tip lies below the base value 1 and above theta_s
  lo = p.theta_s;
  for (int k = 0; k < 200 && hi - lo > 1e-16; ++k) {
    const double t = 0.5 * (lo + hi);
    (climb(p, t, 1.0) > 1.0 ? lo : hi) = t;
  }
  const double tip = 0.5 * (lo + hi);
  double a = tip, b = 1.0;  // u(0.5): climb(t, s) = 0.5
  for (int k = 0; k < 200 && b - a > 1e-16; ++k) {
    const double s = 0.5 * (a + b);
    (climb(p, tip, s) < 0.5 ? a : b) = s;
  }
  return {tip, 0.5 * (a + b)};
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// Relative gaps at the tip and the midpoint over the grid, per theta_s and overall.
struct Gaps {
  std::vector<double> tip, mid;
};

void print_gaps(const char* label, const std::vector<double>& thetas,
                const std::vector<Gaps>& per_theta) {
  fmt::print("{}\n{:>8} {:>14} {:>14} {:>14} {:>14}\n", label, "theta_s", "median tip",
             "max tip", "median mid", "max mid");
  Gaps all;
  const auto row = [](const std::string& name, const Gaps& g) {
    fmt::print("{:>8} {:>14.3e} {:>14.3e} {:>14.3e} {:>14.3e}\n", name, median(g.tip),
               *std::max_element(g.tip.begin(), g.tip.end()), median(g.mid),
               *std::max_element(g.mid.begin(), g.mid.end()));
  };
  for (std::size_t k = 0; k < thetas.size(); ++k) {
    row(fmt::format("{}", thetas[k]), per_theta[k]);
    all.tip.insert(all.tip.end(), per_theta[k].tip.begin(), per_theta[k].tip.end());
    all.mid.insert(all.mid.end(), per_theta[k].mid.begin(), per_theta[k].mid.end());
  }
  row("all", all);
}

}  // namespace

int main() {
  const int count = 41;
  const std::vector<double> thetas{0.0, 0.3, 0.6, 0.9};
  std::vector<Problem> problems;
  std::vector<radbound::Solution> seeds;
  std::vector<Gaps> plain(thetas.size()), seeded(thetas.size());
  for (std::size_t k = 0; k < thetas.size(); ++k) {
    for (int i = 0; i < count; ++i) {
      Problem p;
      p.nr = std::pow(10.0, -2.0 + 4.0 * i / (count - 1));
      p.theta_s = thetas[k];
      problems.push_back(p);
      seeds.push_back(radbound::solve_fd(p, radbound::FdOptions{1e-8}));
      const Exact u = exact_fin(p);
      const auto record = [&](const radbound::Bounds& b, Gaps& g) {
        if (!(*b.lower(1.0) <= u.tip && u.tip <= *b.upper(1.0) && *b.lower(0.5) <= u.mid &&
              u.mid <= *b.upper(0.5)))
          fmt::print("NOT CONTAINED: nr={} theta_s={}\n", p.nr, p.theta_s);
        g.tip.push_back((*b.upper(1.0) - *b.lower(1.0)) / u.tip);
        g.mid.push_back((*b.upper(0.5) - *b.lower(0.5)) / u.mid);
      };
      record(radbound::bounds(p), plain[k]);
      record(radbound::bounds(p, &seeds.back()), seeded[k]);
    }
  }
  print_gaps("unseeded", thetas, plain);
  print_gaps("seeded by solve_fd at tol 1e-8", thetas, seeded);

  // Timing: bounds() alone, and bounds() plus a sweep row's evaluations. The fastest of several
  // rounds: on a shared machine a round can lose its core to other work.
  const int repeats = 100, rounds = 7;
  double sink = 0.0;
  const auto round_ns = [&](bool evaluate, bool seed) {
    // Processor time of this process: the machine is shared, and wall time would count others.
    const std::clock_t start = std::clock();
    for (int r = 0; r < repeats; ++r)
      for (std::size_t i = 0; i < problems.size(); ++i) {
        const radbound::Bounds b = radbound::bounds(problems[i], seed ? &seeds[i] : nullptr);
        if (evaluate)
          sink += *b.lower(0.0) + *b.upper(0.0) + *b.lower(0.5) + *b.upper(0.5) + *b.lower(1.0) +
                  *b.upper(1.0) + *b.slope_lower_at_left() + *b.slope_upper_at_left() +
                  *b.max_gap();
        else
          sink += b.max_gap().value_or(0.0);
      }
    const double seconds = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
    return 1e9 * seconds / (repeats * problems.size());
  };
  const auto time_ns = [&](bool evaluate, bool seed) {
    double best = round_ns(evaluate, seed);
    for (int k = 1; k < rounds; ++k) best = std::min(best, round_ns(evaluate, seed));
    return best;
  };
  for (bool seed : {false, true}) {
    const double build = time_ns(false, seed), row = time_ns(true, seed);
    fmt::print("processor time per bounds() {}: {:.0f} ns; with a sweep row's evaluations: {:.0f} "
               "ns ({})\n",
               seed ? "seeded" : "unseeded", build, row, sink > 0 ? "ok" : "?");
  }
  return 0;
}
