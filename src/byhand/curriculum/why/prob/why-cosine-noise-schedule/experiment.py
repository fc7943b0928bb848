"""The linear and the cosine noise schedules side by side: how much signal each leaves at every
step, and how many steps each spends on almost pure noise."""

import numpy as np


def linear_alpha_bars(T):
    """DDPM's linear schedule, with Improved DDPM's scaling of the endpoints by 1000/T."""
    scale = 1000 / T
    return np.cumprod(1 - np.linspace(scale * 1e-4, scale * 0.02, T))


def cosine_alpha_bars(T, s=0.008):
    f = np.cos((np.arange(T + 1) / T + s) / (1 + s) * np.pi / 2) ** 2
    return np.cumprod(1 - np.minimum(1 - f[1:] / f[:-1], 0.999))


def run(fig, words, T=1000, threshold=0.01):
    T = int(T)
    progress = np.arange(1, T + 1) / T
    lin, cos = linear_alpha_bars(T), cosine_alpha_bars(T)
    lin_frac, cos_frac = float(np.mean(lin < threshold)), float(np.mean(cos < threshold))

    ax1 = fig.add_subplot(1, 2, 1)
    ax1.plot(progress, lin, "C1-", label=words("linear"))
    ax1.plot(progress, cos, "C0-", label=words("cosine"))
    ax1.axhline(threshold, color="grey", ls=":", lw=1,
                label=words("threshold", threshold=threshold, lin=lin_frac, cos=cos_frac))
    ax1.set_xlabel(words("progress"))
    ax1.set_ylabel(words("alpha_bar"))
    ax1.set_title(words("alpha_title", T=T), fontsize=10)
    ax1.legend(fontsize=7)

    def log_snr(ab):
        ab = np.clip(ab, 1e-12, 1 - 1e-12)
        return np.log(ab / (1 - ab))

    ax2 = fig.add_subplot(1, 2, 2)
    ax2.plot(progress, log_snr(lin), "C1-", label=words("linear"))
    ax2.plot(progress, log_snr(cos), "C0-", label=words("cosine"))
    ax2.set_xlabel(words("progress"))
    ax2.set_ylabel(words("log_snr"))
    ax2.set_title(words("snr_title"), fontsize=10)
    ax2.legend(fontsize=7)
    fig.tight_layout()

    mid = T // 2 - 1
    return {"linear_fraction_below": lin_frac, "cosine_fraction_below": cos_frac,
            "linear_alpha_bar_mid": float(lin[mid]), "cosine_alpha_bar_mid": float(cos[mid]),
            "linear_first_below": float(progress[np.argmax(lin < threshold)]) if lin_frac > 0 else 1.0}


def check(findings):
    problems = []
    if findings["linear_fraction_below"] <= findings["cosine_fraction_below"]:
        problems.append("the linear schedule does not spend more steps on almost pure noise than the cosine one")
    if not 0.4 < findings["cosine_alpha_bar_mid"] < 0.6:
        problems.append("the cosine schedule does not keep about half the signal's variance at the middle step")
    if findings["linear_alpha_bar_mid"] >= findings["cosine_alpha_bar_mid"]:
        problems.append("the linear schedule does not lose the signal faster than the cosine one by the middle step")
    return problems
