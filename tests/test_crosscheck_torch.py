"""Each deep-learning reference agrees with PyTorch, the implementation people
actually use, value by value (micrograd's way of earning trust)."""

import numpy as np
import pytest

from crosscheck import reference, require

torch = require("torch", "the deep-learning references are compared with PyTorch")
F = torch.nn.functional
rng = np.random.default_rng(1234)


def t(a):
    return torch.tensor(np.asarray(a), dtype=torch.float64)


def close(ours, theirs, rtol=1e-10, atol=1e-12):
    np.testing.assert_allclose(np.asarray(ours), theirs.detach().numpy(), rtol=rtol, atol=atol)


@pytest.mark.parametrize("shape, axis", [((5,), -1), ((3, 7), -1), ((4, 6), 0), ((2, 3, 5), 1)])
def test_softmax_and_log_softmax(shape, axis):
    x = rng.normal(size=shape) * 10
    close(reference("softmax")(x, axis=axis), F.softmax(t(x), dim=axis))
    close(reference("log_softmax")(x, axis=axis), F.log_softmax(t(x), dim=axis))


def test_cross_entropy():
    logits, labels = rng.normal(size=(8, 5)) * 3, rng.integers(0, 5, size=8)
    close(reference("cross_entropy")(logits, labels), F.cross_entropy(t(logits), torch.tensor(labels)))


@pytest.mark.parametrize("smoothing", [0.0, 0.1, 0.3])
def test_cross_entropy_with_label_smoothing(smoothing):
    logits, labels = rng.normal(size=(6, 4)) * 3, rng.integers(0, 4, size=6)
    ours = reference("label_smoothed_cross_entropy")(logits, labels, smoothing=smoothing)
    close(ours, F.cross_entropy(t(logits), torch.tensor(labels), label_smoothing=smoothing))


def test_layer_norm():
    x, g, b = rng.normal(size=(2, 3, 8)), rng.normal(size=8), rng.normal(size=8)
    ours = reference("layer_norm")(x, g, b, eps=1e-5)
    close(ours, F.layer_norm(t(x), (8,), weight=t(g), bias=t(b), eps=1e-5), rtol=1e-9)


def test_batch_norm_train_and_eval():
    x, g, b = rng.normal(size=(16, 6)) * 2 + 1, rng.normal(size=6), rng.normal(size=6)
    ours = reference("batch_norm_train")(x, g, b, eps=1e-5)
    close(ours, F.batch_norm(t(x), None, None, weight=t(g), bias=t(b), training=True, eps=1e-5), rtol=1e-9)
    mean, var = rng.normal(size=6), rng.uniform(0.5, 2.0, size=6)
    ours = reference("batch_norm_eval")(x, g, b, mean, var, eps=1e-5)
    close(ours, F.batch_norm(t(x), t(mean), t(var), weight=t(g), bias=t(b), training=False, eps=1e-5),
          rtol=1e-9)


def test_running_statistics_match_torch_batchnorm():
    x = rng.normal(size=(10, 4)) * 3 + 2
    bn = torch.nn.BatchNorm1d(4, momentum=0.1, dtype=torch.float64)
    rm, rv = bn.running_mean.numpy().copy(), bn.running_var.numpy().copy()
    bn.train()
    bn(t(x))
    new_m, new_v = reference("update_running_stats")(rm, rv, x, momentum=0.1)
    close(new_m, bn.running_mean)
    close(new_v, bn.running_var)


@pytest.mark.parametrize("masked", [False, True])
def test_scaled_dot_product_attention(masked):
    q, k, v = rng.normal(size=(2, 3, 4, 8)), rng.normal(size=(2, 3, 6, 8)), rng.normal(size=(2, 3, 6, 5))
    mask = None
    if masked:
        mask = rng.random(size=(2, 3, 4, 6)) > 0.3
        mask[..., 0] = True  # never mask a whole row
    ours = reference("scaled_dot_product_attention")(q, k, v, mask=mask)
    theirs = F.scaled_dot_product_attention(t(q), t(k), t(v),
                                            attn_mask=None if mask is None else torch.tensor(mask))
    close(ours, theirs, rtol=1e-9)


def test_multi_head_attention_matches_torch_module():
    d, h, lq, lk = 8, 2, 3, 5
    xq, xkv = rng.normal(size=(1, lq, d)), rng.normal(size=(1, lk, d))
    mha = torch.nn.MultiheadAttention(d, h, bias=False, batch_first=True, dtype=torch.float64)
    wq, wk, wv = (w.detach().numpy().T.copy() for w in mha.in_proj_weight.chunk(3))
    wo = mha.out_proj.weight.detach().numpy().T.copy()
    ours = reference("multi_head_attention")(xq, xkv, wq, wk, wv, wo, h)
    theirs, _ = mha(t(xq), t(xkv), t(xkv), need_weights=False)
    close(ours, theirs, rtol=1e-9)


@pytest.mark.parametrize("name, opt", [("adam_step", "Adam"), ("adamw_step", "AdamW")])
def test_optimizer_steps_match_torch_over_several_steps(name, opt):
    p0 = rng.normal(size=5)
    param = torch.tensor(p0.copy(), requires_grad=True)
    kwargs = dict(lr=1e-2, betas=(0.9, 0.999), eps=1e-8)
    extra = {"weight_decay": 0.1} if opt == "AdamW" else {}
    optim = getattr(torch.optim, opt)([param], **kwargs, **extra)
    ours, m, v = p0.copy(), np.zeros(5), np.zeros(5)
    for step in range(1, 6):
        grad = rng.normal(size=5)
        param.grad = t(grad)
        optim.step()
        ours, m, v = reference(name)(ours, grad, m, v, step, lr=1e-2, beta1=0.9, beta2=0.999, eps=1e-8, **extra)
        close(ours, param, rtol=1e-9)


def test_gelu_exact():
    x = np.linspace(-8, 8, 101)
    close(reference("gelu")(x), F.gelu(t(x), approximate="none"))


def test_two_layer_mlp_backward_matches_autograd():
    n, d, hdim, c = 6, 4, 5, 3
    x, y = rng.normal(size=(n, d)), rng.integers(0, c, size=n)
    W1, b1, W2, b2 = rng.normal(size=(d, hdim)), rng.normal(size=hdim), rng.normal(size=(hdim, c)), rng.normal(size=c)
    params = [t(p).requires_grad_() for p in (W1, b1, W2, b2)]
    loss = F.cross_entropy(torch.relu(t(x) @ params[0] + params[1]) @ params[2] + params[3], torch.tensor(y))
    loss.backward()
    for ours, p in zip(reference("mlp_backward")(x, y, W1, b1, W2, b2), params):
        close(ours, p.grad, rtol=1e-9)


def _hf_top_k_then_top_p(scores, k, p):
    """Hugging Face's TopKLogitsWarper then TopPLogitsWarper (min_tokens_to_keep=1), as in `generate`."""
    scores = scores.masked_fill(scores < torch.topk(scores, k)[0][..., -1, None], -float("inf"))
    sorted_logits, sorted_indices = torch.sort(scores, descending=False)
    sorted_to_remove = sorted_logits.softmax(dim=-1).cumsum(dim=-1) <= (1 - p)
    sorted_to_remove[..., -1:] = False
    to_remove = sorted_to_remove.scatter(-1, sorted_indices, sorted_to_remove)
    return scores.masked_fill(to_remove, -float("inf")).softmax(dim=-1)


@pytest.mark.parametrize("k, p", [(50, 0.9), (5, 0.95), (20, 0.5), (64, 1.0), (1, 0.3)])
def test_top_k_top_p_filter_matches_hugging_face_warpers(k, p):
    logits = rng.normal(size=(6, 64)) * 3
    close(reference("top_k_top_p_filter")(logits, k, p), _hf_top_k_then_top_p(t(logits), k, p))


def test_mvn_log_pdf_matches_torch_multivariate_normal():
    d = 6
    A = rng.normal(size=(d, d))
    mu, Sigma, x = rng.normal(size=d), A @ A.T + 0.5 * np.eye(d), rng.normal(size=(5, d))
    theirs = torch.distributions.MultivariateNormal(t(mu), covariance_matrix=t(Sigma)).log_prob(t(x))
    close(reference("mvn_log_pdf")(x, mu, Sigma), theirs)


@pytest.mark.parametrize("K", [1, 5, 64])
def test_iwae_bound_matches_torch_logsumexp(K):
    log_w = rng.normal(size=(7, K)) * 4 - 800
    elbo, iwae = reference("iwae_bound")(log_w)
    close(elbo, t(log_w).mean(dim=-1))
    close(iwae, torch.logsumexp(t(log_w), dim=-1) - np.log(K))
    assert np.all(iwae >= elbo - 1e-12)  # Jensen's inequality, draw by draw


@pytest.mark.parametrize("d", [None, 3])
def test_score_function_gradient_is_the_gradient_of_the_surrogate_loss(d):
    shape = (40,) if d is None else (40, d)
    mu, sigma = rng.normal(size=shape[1:]), rng.uniform(0.5, 2.0, size=shape[1:])
    x = mu + sigma * rng.normal(size=shape)
    f = (x**2).reshape(40, -1).sum(axis=1)
    g_mu, g_sigma = reference("score_function_gradient")(f, x, mu, sigma, baseline=1.5)
    # REINFORCE's surrogate: mean_i (f_i - b) log N(x_i; mu, sigma^2), with the samples held fixed
    mu_t, sigma_t = t(mu).requires_grad_(), t(sigma).requires_grad_()
    log_prob = torch.distributions.Normal(mu_t, sigma_t).log_prob(t(x)).reshape(40, -1).sum(dim=1)
    (t(f - 1.5) * log_prob).mean().backward()
    close(g_mu, mu_t.grad)
    close(g_sigma, sigma_t.grad)


def test_score_function_gradient_converges_to_the_true_gradient():
    mu, sigma = 0.7, 1.3
    x = mu + sigma * rng.normal(size=400_000)
    g_mu, g_sigma = reference("score_function_gradient")(x**2, x, mu, sigma, baseline=mu**2 + sigma**2)
    # E[x^2] = mu^2 + sigma^2, so the gradients are 2 mu and 2 sigma
    assert abs(g_mu - 2 * mu) < 0.05 and abs(g_sigma - 2 * sigma) < 0.1  # about 7 and 6 standard errors


@pytest.mark.parametrize("tau", [0.3, 1.0, 2.5])
def test_gumbel_softmax_matches_torch_with_the_same_noise(tau):
    logits = t(rng.normal(size=(4, 7)))
    torch.manual_seed(7)
    e = torch.empty_like(logits).exponential_()  # torch draws its Gumbel noise as -log(e), e ~ Exp(1)
    torch.manual_seed(7)
    theirs = F.gumbel_softmax(logits, tau=tau, hard=False)
    u = np.exp(-e.numpy())  # the uniforms that give the same noise: -log(-log u) = -log(e)
    index, relaxed = reference("gumbel_max_sample")(logits.numpy(), u, tau=tau)
    close(relaxed, theirs, rtol=1e-8)
    np.testing.assert_array_equal(index, theirs.argmax(dim=-1).numpy())


def test_gumbel_max_samples_the_softmax():
    logits = np.array([1.0, 0.0, -1.0, 2.0])
    index, _ = reference("gumbel_max_sample")(logits, rng.uniform(size=(200_000, 4)))
    freq = np.bincount(index, minlength=4) / len(index)
    np.testing.assert_allclose(freq, F.softmax(t(logits), dim=-1).numpy(), atol=0.006)  # about 5 standard errors
