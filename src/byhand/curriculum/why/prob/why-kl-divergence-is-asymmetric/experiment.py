"""Fit one Gaussian q = N(m, s²) to a two-mode target p by minimizing KL(p‖q)
and by minimizing KL(q‖p): the first covers both modes, the second picks one.

The target is p = (1 − w) N(−d, 1) + w N(d, 1). Expectations under a Gaussian
are computed by Gauss–Hermite quadrature (E_p) and a fine Riemann sum (E_q),
and the minimizers are found on a grid of (m, s).
"""

import math

import numpy as np

NODES, WEIGHTS = np.polynomial.hermite_e.hermegauss(60)   # ∫ f(x) e^{−x²/2} dx ≈ Σ w f(x)
WEIGHTS = WEIGHTS / math.sqrt(2 * math.pi)                # now E[f(Z)], Z ~ N(0, 1)


def _log_normal(x, m, s):
    return -0.5 * ((x - m) / s) ** 2 - np.log(s) - 0.5 * math.log(2 * math.pi)


def _log_p(x, d, w):
    return np.logaddexp(math.log(1 - w) + _log_normal(x, -d, 1.0), math.log(w) + _log_normal(x, d, 1.0))


def _kl_q_p(m, s, d, w):
    """KL(q‖p) = E_q[log q − log p] for arrays m, s of the same shape.

    E_q[log p] is a Riemann sum with a step of at most s/4 and 0.1 (log p bends
    sharply between the modes, which Gauss–Hermite nodes spread over a wide q
    resolve poorly); the sum of a smooth integrand converges very fast.
    """
    m, s = np.asarray(m, dtype=float), np.asarray(s, dtype=float)
    flat_m, flat_s = m.ravel(), s.ravel()
    out = np.empty(flat_m.shape)
    for s_value in np.unique(flat_s):
        idx = np.flatnonzero(flat_s == s_value)
        lo, hi = flat_m[idx].min() - 8 * s_value, flat_m[idx].max() + 8 * s_value
        x = np.linspace(lo, hi, int((hi - lo) / min(s_value / 4, 0.1)) + 2)
        q = np.exp(_log_normal(x[None, :], flat_m[idx, None], s_value))
        out[idx] = -(q * _log_p(x, d, w)).sum(axis=1) * (x[1] - x[0])
    entropy_term = -0.5 - np.log(s) - 0.5 * math.log(2 * math.pi)        # E_q[log q]
    return entropy_term + out.reshape(m.shape)


def _kl_p_q(m, s, d, w):
    """KL(p‖q) = E_p[log p − log q]; E_p is the mixture of the two Gaussian expectations."""
    m, s = np.asarray(m, dtype=float), np.asarray(s, dtype=float)
    x = np.concatenate([-d + NODES, d + NODES])                       # quadrature points under p
    weights = np.concatenate([(1 - w) * WEIGHTS, w * WEIGHTS])
    log_p = _log_p(x, d, w)
    return ((log_p - _log_normal(x, m[..., None], s[..., None])) * weights).sum(axis=-1)


def run(fig, words, separation=4.0, right_weight=0.6):
    d, w = float(separation), float(right_weight)
    ms = np.linspace(-d - 3, d + 3, 241)
    ss = np.exp(np.linspace(math.log(0.3), math.log(1.5 * math.sqrt(1 + d * d) + 1), 81))
    M, S = np.meshgrid(ms, ss, indexing="ij")
    rev = _kl_q_p(M, S, d, w)
    fwd = _kl_p_q(M, S, d, w)
    i_r, j_r = np.unravel_index(np.argmin(rev), rev.shape)
    i_f, j_f = np.unravel_index(np.argmin(fwd), fwd.shape)
    m_rev, s_rev, m_fwd, s_fwd = ms[i_r], ss[j_r], ms[i_f], ss[j_f]
    mean_p = (2 * w - 1) * d
    sd_p = math.sqrt(1 + 4 * w * (1 - w) * d * d)

    x = np.linspace(-d - 5, d + 5, 800)
    p = np.exp(_log_p(x, d, w))
    q_f = np.exp(_log_normal(x, m_fwd, s_fwd))
    q_r = np.exp(_log_normal(x, m_rev, s_rev))
    ax1 = fig.add_subplot(1, 2, 1)
    ax1.fill_between(x, p, color="grey", alpha=0.35, label=words("target"))
    ax1.plot(x, q_f, color="C0", lw=2, label=words("forward_fit", m=m_fwd, s=s_fwd))
    ax1.plot(x, q_r, color="C3", lw=2, ls="--", label=words("reverse_fit", m=m_rev, s=s_rev))
    ax1.set_xlabel("x")
    ax1.set_ylabel(words("density"))
    ax1.set_title(words("fits_title", d=d, w=w), fontsize=10)
    ax1.set_ylim(0, 1.45 * max(p.max(), q_r.max(), q_f.max()))
    ax1.legend(fontsize=7, loc="upper left")

    ax2 = fig.add_subplot(1, 2, 2)
    prof_f, prof_r = fwd.min(axis=1), rev.min(axis=1)
    ax2.plot(ms, prof_f, color="C0", lw=2, label=words("forward_profile"))
    ax2.plot(ms, prof_r, color="C3", lw=2, ls="--", label=words("reverse_profile"))
    for c in (-d, d):
        ax2.axvline(c, color="grey", lw=0.8, ls=":")
    ax2.set_ylim(0, max(3.0, 1.2 * min(prof_f.max(), prof_r.max(), 6.0)))
    ax2.set_xlabel(words("m_axis"))
    ax2.set_ylabel(words("kl_axis"))
    ax2.set_title(words("profile_title"), fontsize=10)
    ax2.legend(fontsize=7, loc="upper center")
    fig.tight_layout()

    # the reverse profile at each mode and halfway between them
    at = lambda c: float(prof_r[np.argmin(np.abs(ms - c))])
    return {"separation": d, "right_weight": w, "mean_p": mean_p, "sd_p": sd_p,
            "grid_step_m": float(ms[1] - ms[0]), "grid_ratio_s": float(ss[1] / ss[0]),
            "m_forward": float(m_fwd), "s_forward": float(s_fwd),
            "m_reverse": float(m_rev), "s_reverse": float(s_rev),
            "kl_pq_at_forward": float(fwd[i_f, j_f]), "kl_qp_at_forward": float(_kl_q_p(np.array(m_fwd), np.array(s_fwd), d, w)),
            "kl_qp_at_reverse": float(rev[i_r, j_r]), "kl_pq_at_reverse": float(_kl_p_q(m_rev, s_rev, d, w)),
            "q_forward_at_gap_over_p": float(np.exp(_log_normal(0.0, m_fwd, s_fwd) - _log_p(np.array(0.0), d, w))),
            "reverse_at_left_mode": at(-d), "reverse_at_right_mode": at(d), "reverse_at_gap": at(0.0)}


def check(findings):
    problems = []
    f = findings
    if abs(f["m_forward"] - f["mean_p"]) > f["grid_step_m"] or \
            abs(math.log(f["s_forward"] / f["sd_p"])) > math.log(f["grid_ratio_s"]):
        problems.append(f"minimizing KL(p‖q) gave N({f['m_forward']:.2f}, {f['s_forward']:.2f}²), not the moment "
                        f"match N({f['mean_p']:.2f}, {f['sd_p']:.2f}²)")
    if f["kl_pq_at_forward"] > f["kl_pq_at_reverse"] + 1e-6 or f["kl_qp_at_reverse"] > f["kl_qp_at_forward"] + 1e-6:
        problems.append("each fit is not the better one under its own divergence")
    if f["separation"] >= 3:   # two well separated modes
        if not abs(abs(f["m_reverse"]) - f["separation"]) < 0.3 or not f["s_reverse"] < 1.3:
            problems.append(f"minimizing KL(q‖p) did not settle on one mode: N({f['m_reverse']:.2f}, "
                            f"{f['s_reverse']:.2f}²)")
        if f["right_weight"] != 0.5 and np.sign(f["m_reverse"]) != np.sign(f["right_weight"] - 0.5):
            problems.append("the reverse fit chose the lighter mode")
        if not f["s_forward"] > 1.5 * f["s_reverse"]:
            problems.append("the forward fit is not much wider than the reverse fit")
        if not f["q_forward_at_gap_over_p"] > 5:
            problems.append("the forward fit does not put much more density than p in the gap between the modes")
        if not min(f["reverse_at_left_mode"], f["reverse_at_right_mode"]) < f["reverse_at_gap"]:
            problems.append("KL(q‖p) is not lower with q on a mode than with q between the modes")
        if not abs(f["kl_pq_at_forward"] - f["kl_qp_at_reverse"]) > 0.05 and \
                not abs(f["kl_pq_at_reverse"] - f["kl_qp_at_reverse"]) > 0.05:
            problems.append("the two divergences agree, so KL looks symmetric here")
    return problems
