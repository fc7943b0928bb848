"""The teacher-forced negative log-likelihood of a target sequence under an RNN decoder: the
reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def _log_softmax(z):
    z = z - z.max()
    return z - np.log(np.exp(z).sum())


def _step(token, h, E, W_ih, W_hh, b_ih, b_hh, W_out, b_out):
    h = np.tanh(W_ih @ E[token] + b_ih + W_hh @ h + b_hh)
    return h, W_out @ h + b_out


def teacher_forced_rnn_nll(targets, h0, E, W_ih, W_hh, b_ih, b_hh, W_out, b_out, bos_id):
    """Inputs [bos, y_1, ..., y_{T-1}] (the targets shifted right), h_t = tanh(W_ih E[in_t] + b_ih
    + W_hh h_{t-1} + b_hh), logits_t = W_out h_t + b_out; returns -sum_t log softmax(logits_t)[y_t].
    targets (T,) ints, h0 (H,), E (V, D), W_ih (H, D), W_hh (H, H), W_out (V, H), b_out (V,)."""
    targets = np.asarray(targets)
    inputs = np.concatenate([[bos_id], targets[:-1]])
    h, nll = np.asarray(h0, dtype=np.float64), 0.0
    for token, target in zip(inputs, targets):
        h, logits = _step(token, h, E, W_ih, W_hh, b_ih, b_hh, W_out, b_out)
        nll -= _log_softmax(logits)[target]
    return np.float64(nll)


def _model(rng, V, D, H, out_scale=1.0, out_shift=0.0):
    return (rng.normal(size=H) * 0.5, rng.normal(size=(V, D)), rng.normal(size=(H, D)) / np.sqrt(D),
            rng.normal(size=(H, H)) / np.sqrt(H), rng.normal(size=H) * 0.3, rng.normal(size=H) * 0.3,
            rng.normal(size=(V, H)) * out_scale, rng.normal(size=V) * 0.3 + out_shift)


def _case(rng, T, V, D, H, name, out_scale=1.0, out_shift=0.0, against_greedy=False):
    model = _model(rng, V, D, H, out_scale, out_shift)
    targets = rng.integers(1, V, size=T)  # id 0 is <bos>
    if against_greedy:  # y_1 is the model's least likely first token, never its own greedy choice
        _, logits = _step(0, *model[:1], *model[1:])
        targets[0] = int(np.argmin(logits[1:])) + 1
    return Case((targets,) + model + (0,), name=name)


def cases(rng):
    return [
        _case(rng, 4, 6, 3, 5, "T=4, vocabulary 6, D=3, H=5"),
        _case(rng, 7, 10, 4, 4, "T=7, vocabulary 10"),
        _case(rng, 1, 5, 2, 3, "one target token (T = 1)"),
        _case(rng, 5, 4, 3, 6, "targets unlike the model's greedy choices", against_greedy=True),
        _case(rng, 3, 5, 3, 4, "large logits (~1000)", out_scale=5.0, out_shift=1000.0),
        Case((np.array([2, 2, 2]),) + _model(rng, 4, 3, 3) + (0,), name="repeated token"),
    ]


# --- known mistakes ----------------------------------------------------------

def _run(inputs, targets, h0, model, log_softmax=_log_softmax):
    h, nll = h0, 0.0
    for token, target in zip(inputs, targets):
        h, logits = _step(token, h, *model)
        nll -= log_softmax(logits)[target]
    return np.float64(nll)


def _no_shift(targets, h0, E, W_ih, W_hh, b_ih, b_hh, W_out, b_out, bos_id):
    return _run(targets, targets, h0, (E, W_ih, W_hh, b_ih, b_hh, W_out, b_out))  # sees y_t to predict y_t


def _own_predictions(targets, h0, E, W_ih, W_hh, b_ih, b_hh, W_out, b_out, bos_id):
    h, nll, token = h0, 0.0, bos_id
    for target in targets:
        h, logits = _step(token, h, E, W_ih, W_hh, b_ih, b_hh, W_out, b_out)
        nll -= _log_softmax(logits)[target]
        token = int(np.argmax(logits))  # feeds its own greedy prediction back
    return np.float64(nll)


def _no_bos(targets, h0, E, W_ih, W_hh, b_ih, b_hh, W_out, b_out, bos_id):
    return _run(targets[:-1], targets[1:], h0, (E, W_ih, W_hh, b_ih, b_hh, W_out, b_out))


def _naive_log_softmax(z):
    return np.log(np.exp(z) / np.exp(z).sum())


def _no_max_shift(targets, h0, E, W_ih, W_hh, b_ih, b_hh, W_out, b_out, bos_id):
    inputs = np.concatenate([[bos_id], targets[:-1]])
    return _run(inputs, targets, h0, (E, W_ih, W_hh, b_ih, b_hh, W_out, b_out), _naive_log_softmax)


MISTAKES = {
    "inputs-not-shifted": _no_shift,
    "feeds-own-predictions": _own_predictions,
    "first-token-not-predicted": _no_bos,
    "no-max-shift": _no_max_shift,
}
