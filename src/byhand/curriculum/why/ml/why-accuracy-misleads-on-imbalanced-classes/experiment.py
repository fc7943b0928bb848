"""A rare positive class: the classifier that always says "negative" against a
real classifier (scores N(0, 1) for negatives, N(μ, 1) for positives), judged by
accuracy, precision, recall, F1 and ROC AUC."""

import math

import numpy as np

N = 100_000   # examples in the simulated data set
_erf = np.vectorize(math.erf, otypes=[float])


def _phi(x):
    return 0.5 * (1 + _erf(np.asarray(x, dtype=float) / math.sqrt(2)))


def _auc(scores, labels):
    """P(score of a positive > score of a negative), ties counting 1/2 (Mann–Whitney)."""
    _, inverse, counts = np.unique(scores, return_inverse=True, return_counts=True)
    ends = np.cumsum(counts)
    average_rank = ends - (counts - 1) / 2                      # 1-based ranks, ties averaged
    ranks = average_rank[inverse]
    n_pos, n_neg = labels.sum(), (~labels).sum()
    return float((ranks[labels].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def _metrics(predicted, scores, labels):
    tp = int((predicted & labels).sum()); fp = int((predicted & ~labels).sum())
    fn = int((~predicted & labels).sum()); tn = int((~predicted & ~labels).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"accuracy": (tp + tn) / len(labels), "precision": precision, "recall": recall, "f1": f1,
            "auc": _auc(scores, labels)}


def _theory(pi, mu, t):
    tpr, fpr = 1 - _phi(t - mu), 1 - _phi(t)
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.where(tpr > 0, pi * tpr / (pi * tpr + (1 - pi) * fpr), 0.0)
    return {"accuracy": pi * tpr + (1 - pi) * (1 - fpr), "precision": precision, "recall": tpr + 0 * pi,
            "auc": float(_phi(mu / math.sqrt(2))) + 0 * pi}


def run(fig, words, positive_rate=0.01, separation=2.0, threshold=1.0):
    rng = np.random.default_rng(0)
    pi, mu, t = float(positive_rate), float(separation), float(threshold)
    labels = rng.random(N) < pi
    scores = rng.normal(size=N) + mu * labels
    real = _metrics(scores > t, scores, labels)
    majority = _metrics(np.zeros(N, dtype=bool), np.zeros(N), labels)
    theory = {k: float(v) for k, v in _theory(pi, mu, t).items()}

    ax1 = fig.add_subplot(1, 2, 1)
    rates = np.logspace(-3, math.log10(0.5), 100)
    th = _theory(rates, mu, t)
    ax1.semilogx(rates, 1 - rates, color="black", lw=2, label=words("acc_majority"))
    ax1.semilogx(rates, th["accuracy"], color="C3", lw=2, label=words("acc_real"))
    ax1.semilogx(rates, th["recall"], color="C0", ls=(0, (3, 3)), lw=2, label=words("recall_real"))
    ax1.semilogx(rates, th["precision"], color="C2", ls="-.", label=words("precision_real"))
    ax1.semilogx(rates, th["auc"], color="C4", ls=":", lw=2, label=words("auc_real"))
    ax1.axvline(pi, color="grey", lw=0.8)
    ax1.set_ylim(0, 1.05)
    ax1.set_xlabel(words("rate_axis"))
    ax1.set_ylabel(words("metric_axis"))
    ax1.set_title(words("curves_title", mu=mu, t=t), fontsize=10)
    ax1.legend(fontsize=7, loc="center left", bbox_to_anchor=(0.0, 0.45))

    ax2 = fig.add_subplot(1, 2, 2)
    keys = ["accuracy", "precision", "recall", "f1", "auc"]
    x = np.arange(len(keys))
    for offset, (name, m, color) in enumerate((("majority", majority, "grey"), ("real", real, "C3"))):
        bars = ax2.bar(x + (offset - 0.5) * 0.38, [m[k] for k in keys], 0.38, color=color, label=words(name))
        for b, k in zip(bars, keys):
            ax2.text(b.get_x() + b.get_width() / 2, m[k] + 0.01, f"{m[k]:.2f}", ha="center", fontsize=7)
    ax2.set_xticks(x, [words(k) for k in keys], fontsize=8, rotation=20)
    ax2.set_ylim(0, 1.2)
    ax2.set_ylabel(words("metric_axis"))
    ax2.set_title(words("bars_title", pct=100 * pi, n=N), fontsize=10)
    ax2.legend(fontsize=7, loc="upper right")
    fig.tight_layout()

    return {"positive_rate": pi, "separation": mu, "threshold": t, "n_pos": int(labels.sum()),
            "majority": majority, "real": real, "theory_real": theory}


def check(findings):
    problems = []
    pi, n_pos = findings["positive_rate"], findings["n_pos"]
    real, maj, th = findings["real"], findings["majority"], findings["theory_real"]
    if abs(maj["accuracy"] - (1 - pi)) > 5 * math.sqrt(pi * (1 - pi) / N):
        problems.append(f"always saying negative scored accuracy {maj['accuracy']:.4f}, not 1 − π = {1 - pi:.4f}")
    if maj["recall"] != 0 or abs(maj["auc"] - 0.5) > 1e-12:
        problems.append("the classifier that never says positive has non-zero recall or an AUC other than 0.5")
    if abs(real["accuracy"] - th["accuracy"]) > 5 * math.sqrt(0.25 / N):
        problems.append(f"the real classifier's accuracy {real['accuracy']:.4f} is not the predicted {th['accuracy']:.4f}")
    if n_pos >= 30 and abs(real["recall"] - th["recall"]) > 5 * math.sqrt(0.25 / n_pos):
        problems.append(f"the real classifier's recall {real['recall']:.3f} is not the predicted {th['recall']:.3f}")
    if n_pos >= 30 and abs(real["auc"] - th["auc"]) > 5 * math.sqrt(1 / (12 * n_pos)):
        problems.append(f"the real classifier's AUC {real['auc']:.3f} is not Φ(μ/√2) = {th['auc']:.3f}")
    if th["accuracy"] < 1 - pi - 0.01 and th["auc"] > 0.75:
        if not maj["accuracy"] > real["accuracy"]:
            problems.append("accuracy did not prefer the useless classifier, although it should here")
        if not (real["recall"] > maj["recall"] and real["f1"] > maj["f1"] and real["auc"] > maj["auc"]):
            problems.append("recall, F1 and AUC did not prefer the real classifier")
    return problems
