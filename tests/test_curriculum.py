"""Content is code: every built-in item validates, and the 36 core exercises
have exactly the ids, signatures and required mistakes of the specification."""

import pytest

from byhand.content.loader import exercise_ids, load_exercise
from byhand.validate import validate_exercise

CORE = {
    "cosine_similarity": "(a, b)",
    "l2_normalize": "(x, axis=-1, eps=1e-12)",
    "project": "(u, v)",
    "gram_schmidt": "(A)",
    "least_squares": "(X, y)",
    "ridge": "(X, y, lam)",
    "power_iteration": "(A, num_iters=1000)",
    "pca": "(X, k)",
    "softmax": "(x, axis=-1)",
    "log_softmax": "(x, axis=-1)",
    "logsumexp": "(x, axis=-1)",
    "sigmoid": "(x)",
    "entropy": "(p)",
    "kl_divergence": "(p, q)",
    "gaussian_log_pdf": "(x, mu, sigma)",
    "mle_gaussian": "(x)",
    "bayes_posterior": "(prior, likelihood)",
    "sample_variance": "(x)",
    "standard_error": "(x)",
    "t_confidence_interval": "(x, level=0.95)",
    "paired_t_test": "(a, b)",
    "pearson_correlation": "(x, y)",
    "mse": "(y_pred, y)",
    "cross_entropy": "(logits, labels)",
    "binary_cross_entropy_with_logits": "(z, y)",
    "numerical_gradient": "(f, x, h=1e-05)",
    "logistic_regression_grad": "(w, X, y)",
    "momentum_step": "(w, grad, velocity, lr, beta)",
    "adam_step": "(param, grad, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-08)",
    "gelu": "(x)",
    "layer_norm": "(x, gamma, beta, eps=1e-05)",
    "batch_norm_train": "(x, gamma, beta, eps=1e-05)",
    "scaled_dot_product_attention": "(q, k, v, mask=None)",
    "sinusoidal_positional_encoding": "(seq_len, d_model)",
    "edit_distance": "(a, b)",
    "kmeans_step": "(X, centroids)",
}

REQUIRED_MISTAKES = {
    "softmax": {"no-max-shift", "wrong-axis"},
    "mle_gaussian": {"unbiased-variance"},
    "sample_variance": {"biased"},
    "cross_entropy": {"sum-not-mean"},
    "adam_step": {"no-bias-correction"},
    "layer_norm": {"eps-outside-sqrt"},
    "scaled_dot_product_attention": {"no-scale", "mask-ignored"},
}


def test_the_36_core_exercises_exist():
    missing = sorted(set(CORE) - set(exercise_ids()))
    assert not missing, f"missing exercises: {missing}"


@pytest.mark.parametrize("item_id", sorted(CORE))
def test_core_signature(item_id):
    ex = load_exercise(item_id)
    assert ex.function == item_id
    assert ex.signature == CORE[item_id]


@pytest.mark.parametrize("item_id", sorted(REQUIRED_MISTAKES))
def test_required_mistakes_are_declared(item_id):
    ids = {m.id for m in load_exercise(item_id).mistakes}
    assert REQUIRED_MISTAKES[item_id] <= ids


@pytest.mark.parametrize("item_id", exercise_ids())
def test_item_validates(item_id):
    """The reference passes its own cases; every mistake fails and is named."""
    report = validate_exercise(load_exercise(item_id))
    assert report.ok, "\n".join(report.problems)
