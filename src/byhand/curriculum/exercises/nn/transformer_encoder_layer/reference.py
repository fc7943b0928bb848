"""One Transformer encoder layer (Vaswani et al. 2017, section 3.1), post-norm, ReLU FFN, no
dropout: the reference, its cases and its known mistakes.  The learner composes their own blocks
(multi_head_attention, layer_norm, position_wise_ffn); the reference composes those exercises'
references."""

import numpy as np

from byhand import Case


def _block(exercise_id):
    """Another exercise's trusted reference: the layer is composed of the blocks' own references,
    as the learner's is of their own blocks."""
    from byhand.content.loader import load_exercise

    return load_exercise(exercise_id).reference


def _self_attention(x, W_q, W_k, W_v, W_o, h, mask):
    return _block("multi_head_attention")(x, x, W_q, W_k, W_v, W_o, h, mask=mask)


def _layer_norm(x, gamma, beta, eps):
    return _block("layer_norm")(x, gamma, beta, eps=eps)


def _ffn(x, W1, b1, W2, b2):
    return _block("position_wise_ffn")(x, W1, b1, W2, b2)


def transformer_encoder_layer(x, W_q, W_k, W_v, W_o, num_heads, gamma1, beta1, W1, b1, W2, b2, gamma2, beta2,
                              mask=None, eps=1e-05):
    """h = LayerNorm(x + MultiHead(x, x, x)); out = LayerNorm(h + FFN(h)) (post-norm, section 3.1).
    x: (..., L, d_model); mask: boolean, broadcastable to (..., L, L), True = may attend."""
    x = np.asarray(x, dtype=np.float64)
    h = _layer_norm(x + _self_attention(x, W_q, W_k, W_v, W_o, num_heads, mask), gamma1, beta1, eps)
    return _layer_norm(h + _ffn(h, W1, b1, W2, b2), gamma2, beta2, eps)


def _params(rng, d, f):
    attention = tuple(rng.normal(size=(d, d)) / np.sqrt(d) for _ in range(4))
    norm1 = (1 + 0.3 * rng.normal(size=d), 0.3 * rng.normal(size=d))
    ffn = (rng.normal(size=(d, f)) / np.sqrt(d), 0.3 * rng.normal(size=f),
           rng.normal(size=(f, d)) / np.sqrt(f), 0.3 * rng.normal(size=d))
    norm2 = (1 + 0.3 * rng.normal(size=d), 0.3 * rng.normal(size=d))
    return attention, norm1, ffn, norm2


def cases(rng):
    def case(x, h, f, name, **kwargs):
        attention, norm1, ffn, norm2 = _params(rng, x.shape[-1], f)
        return Case((x, *attention, h, *norm1, *ffn, *norm2), kwargs, name=name)

    causal = np.tril(np.ones((5, 5), dtype=bool))
    padding = (np.arange(6)[None, :] < np.array([6, 4])[:, None])[:, None, :]  # (batch, 1, L)
    return [
        case(rng.normal(size=(5, 8)), 2, 16, "random (L, d_model) = (5, 8), 2 heads, d_ff = 16"),
        case(rng.normal(size=(2, 4, 8)), 4, 12, "batch of 2 sequences, 4 heads of size 2"),
        case(rng.normal(size=(1, 6)), 3, 8, "one token (L = 1)"),
        case(rng.normal(size=(3, 4)), 1, 8, "a single head"),
        case(rng.normal(size=(2, 5, 8)), 2, 16, "causal mask", mask=causal),
        case(rng.normal(size=(2, 6, 8)), 2, 16, "padding mask (batch, 1, L)", mask=padding),
        case(rng.normal(size=(4, 6)) * 0.02, 2, 12, "small activations, eps given", eps=1e-3),
    ]


# --- known mistakes ----------------------------------------------------------

def _pre_norm(x, W_q, W_k, W_v, W_o, num_heads, gamma1, beta1, W1, b1, W2, b2, gamma2, beta2, mask=None,
              eps=1e-05):
    x = np.asarray(x, dtype=np.float64)
    h = x + _self_attention(_layer_norm(x, gamma1, beta1, eps), W_q, W_k, W_v, W_o, num_heads, mask)
    return h + _ffn(_layer_norm(h, gamma2, beta2, eps), W1, b1, W2, b2)


def _no_residual(x, W_q, W_k, W_v, W_o, num_heads, gamma1, beta1, W1, b1, W2, b2, gamma2, beta2, mask=None,
                 eps=1e-05):
    x = np.asarray(x, dtype=np.float64)
    h = _layer_norm(_self_attention(x, W_q, W_k, W_v, W_o, num_heads, mask), gamma1, beta1, eps)
    return _layer_norm(_ffn(h, W1, b1, W2, b2), gamma2, beta2, eps)


def _residual_from_input(x, W_q, W_k, W_v, W_o, num_heads, gamma1, beta1, W1, b1, W2, b2, gamma2, beta2,
                         mask=None, eps=1e-05):
    x = np.asarray(x, dtype=np.float64)
    h = _layer_norm(x + _self_attention(x, W_q, W_k, W_v, W_o, num_heads, mask), gamma1, beta1, eps)
    return _layer_norm(x + _ffn(h, W1, b1, W2, b2), gamma2, beta2, eps)


MISTAKES = {
    "pre-norm": _pre_norm,
    "no-residual": _no_residual,
    "residual-from-input": _residual_from_input,
}
