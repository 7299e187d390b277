#!/usr/bin/env python3
"""25-digit reference values u(0.5), u(1) of u'' = f(u) by the first integral, in mpmath.

Independent of the library: the energy (u')^2 / 2 - F(u) = E is constant along a solution, so the
length needed to go from u(0) to u(1) is an integral of 1 / sqrt(2 (F(s) + E)) (split at a turning
point where u' changes sign). The unknowns (u(0), u(1) or E) solve the end conditions and
"length = 1" by Newton's method (mpmath.findroot) at 50 digits with tanh-sinh quadrature; u(0.5)
solves "length = 1/2". Starting values and the shape of the profile (which way u' points at each
end) come from the command line (e.g. a finite-difference run), and only select the root: the
digits come from this computation. Each value is computed at 50 and at 60 digits; they must agree
to 28 significant digits before 25 are printed.

Usage: first_integral.py < cases, one per line:
  nr theta_s nc theta_inf q left right u0_start u1_start du0_start dir0 dir1
with left/right as in the CLI (ambients explicit) and dir0, dir1 the signs (-1, 0, +1) of u'(0)
and u'(1). Prints: the case, then u(0.5) and u(1) to 25 significant digits.
"""
import sys

import mpmath as mp


def flux_law(spec):
    """The end as ('dirichlet', V) or ('flux', g) with g(u) the outward flux."""
    kind, *args = spec.split(":")
    values = [mp.mpf(a) for a in args]
    if kind == "dirichlet":
        return "dirichlet", values[0]
    if kind == "insulated":
        return "flux", lambda u: mp.mpf(0)
    if kind == "flux":
        return "flux", lambda u: values[0]
    if kind == "convective":
        return "flux", lambda u: values[0] * (u - values[1])
    if kind == "radiative":
        return "flux", lambda u: values[0] * (u**4 - values[1] ** 4)
    raise ValueError(spec)


class Case:
    """The energy (u')^2 / 2 - F(u) is kept as an anchor level t and the excess c = (u'(t))^2 / 2
    there: (u')^2 / 2 = (s - t) S(s, t) + c at level s, with F(s) - F(t) = (s - t) S(s, t) and S a
    polynomial, so nothing cancels near an end where u' vanishes."""

    def __init__(self, fields):
        self.nr, self.ts, self.nc, self.tinf, self.q = (mp.mpf(v) for v in fields[:5])
        self.left, self.right = flux_law(fields[5]), flux_law(fields[6])
        self.start = [mp.mpf(fields[7]), mp.mpf(fields[8])]
        self.slope_start = mp.mpf(fields[9])
        self.dir0, self.dir1 = int(fields[10]), int(fields[11])

    def secant(self, s, t):  # S(s, t) = (F(s) - F(t)) / (s - t), F' = f
        quartic = (s**4 + s**3 * t + s * s * t * t + s * t**3 + t**4) / 5
        return (self.nr * (quartic - self.ts**4) + self.nc * ((s + t) / 2 - self.tinf) - self.q)

    def half_speed2(self, s, anchor):  # (u')^2 / 2 at level s
        t, c = anchor
        return (s - t) * self.secant(s, t) + c

    def climb(self, a, b, anchor):
        """Length of a monotone stretch between levels a and b: tanh-sinh quadrature on pieces
        graded towards both ends, where the integrand is singular (u' = 0) or steep (a boundary
        layer at large Nr)."""
        shares = [0, 1e-8, 1e-6, 1e-4, 1e-2, 0.1, 0.5, 0.9, 1 - 1e-2, 1 - 1e-4, 1 - 1e-6, 1 - 1e-8, 1]
        points = [a + (b - a) * mp.mpf(r) for r in shares]

        def pace(s):  # dx/ds; a node that rounds onto a singular end carries no weight
            speed2 = 2 * self.half_speed2(s, anchor)
            return 1 / mp.sqrt(speed2) if speed2 > 0 else mp.mpf(0)

        return abs(mp.quad(pace, points))

    def turning_level(self, u0, u1, anchor):
        """The extremum level u*, where u' = 0, beyond min(u0, u1) (a minimum) or max (a maximum)."""
        down = self.dir0 < 0
        edge = min(u0, u1) if down else max(u0, u1)
        step = (abs(edge) + 1) * mp.mpf("0.01") * (-1 if down else 1)
        other = edge + step
        while self.half_speed2(other, anchor) > 0:
            step *= 2
            other = edge + step
        return mp.findroot(lambda s: self.half_speed2(s, anchor), (other, edge), solver="anderson")

    def turns(self):
        return self.dir0 * self.dir1 < 0

    def length_to(self, u0, level, anchor, top=None):
        """x at which the profile from u0 reaches `level` (on the second branch if past `top`)."""
        if top is None:
            return self.climb(u0, level, anchor)
        return self.climb(top, u0, (top, 0)) + self.climb(top, level, (top, 0))

    def length(self, u0, u1, anchor):
        if not self.turns():
            return self.climb(u0, u1, anchor)
        top = self.turning_level(u0, u1, anchor)
        return self.length_to(u0, u1, anchor, top)

    def unpack(self, z):
        """u0, u1 and the energy anchor from the unknowns z."""
        z = list(z)
        u0 = self.left[1] if self.left[0] == "dirichlet" else z.pop(0)
        u1 = self.right[1] if self.right[0] == "dirichlet" else z.pop(0)
        if self.anchored_left():
            anchor = (u0, self.left[1](u0) ** 2 / 2)
        elif self.right[0] == "flux":
            anchor = (u1, self.right[1](u1) ** 2 / 2)
        else:
            anchor = (u0, z.pop(0))
        return u0, u1, anchor

    def anchored_left(self):
        """Energy from the left end: where the right end is Dirichlet, or the left end is insulated
        (anchoring at an end where u' = 0 keeps the residual smooth in the unknowns)."""
        if self.left[0] != "flux":
            return False
        return self.right[0] == "dirichlet" or self.left[1](mp.mpf(1)) == 0

    def residuals(self, *z):
        u0, u1, anchor = self.unpack(z)
        out = [self.length(u0, u1, anchor) - 1]
        if self.left[0] == "flux" and self.right[0] == "flux":
            level, law = (u1, self.right[1]) if self.anchored_left() else (u0, self.left[1])
            out.append(2 * self.half_speed2(level, anchor) - law(level) ** 2)
        return out

    def unknowns(self):
        z = [s for s, end in zip(self.start, (self.left, self.right)) if end[0] == "flux"]
        if not z:  # both Dirichlet: (u'(0))^2 / 2
            z = [self.slope_start**2 / 2]
        return z

    def solve(self):
        z = self.unknowns()
        tol = mp.mpf(10) ** (20 - mp.mp.dps)  # residuals this small fix 30 digits
        if len(z) == 1:
            root = [mp.findroot(lambda a: self.residuals(a)[0], z[0], tol=tol)]
        else:
            root = list(mp.findroot(lambda a, b: self.residuals(a, b), z, tol=tol))
        u0, u1, anchor = self.unpack(root)
        return u1, self.midpoint(u0, u1, anchor)

    def midpoint(self, u0, u1, anchor):
        """u(0.5): the level reached after length 1/2 from x = 0."""
        half = mp.mpf(1) / 2
        # x is monotone in the level on each branch: bracketing root finders.
        if not self.turns():
            return mp.findroot(lambda s: self.climb(u0, s, anchor) - half, (u0, u1),
                               solver="anderson")
        top = self.turning_level(u0, u1, anchor)
        if self.climb(top, u0, (top, 0)) >= half:
            return mp.findroot(lambda s: self.climb(s, u0, (top, 0)) - half, (u0, top),
                               solver="anderson")
        return mp.findroot(lambda s: self.length_to(u0, s, anchor, top) - half, (top, u1),
                           solver="anderson")


def main():
    for line in sys.stdin:
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        values = []
        try:
            for digits in (50, 60):
                mp.mp.dps = digits
                u1, mid = Case(fields).solve()
                values.append((mid, u1))
        except (ValueError, ZeroDivisionError) as error:  # no root from this start: say so
            print(f"no reference for {line.strip()}: {error}", file=sys.stderr)
            continue
        for a, b in zip(values[0], values[1]):
            if abs(a - b) > mp.mpf(10) ** -28 * abs(b):
                raise SystemExit(f"not converged to 28 digits: {line.strip()}: {a} vs {b}")
        mid, u1 = values[1]
        print(" ".join(fields[:7]), mp.nstr(mid, 25), mp.nstr(u1, 25))


if __name__ == "__main__":
    main()
