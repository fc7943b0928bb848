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


def test_position_wise_ffn_matches_the_linear_relu_linear_of_torch():
    d, f = 8, 16
    x = rng.normal(size=(2, 5, d))
    lin1, lin2 = (torch.nn.Linear(a, b, dtype=torch.float64) for a, b in ((d, f), (f, d)))
    ours = reference("position_wise_ffn")(x, *(p.detach().numpy().T.copy() if p.ndim == 2 else p.detach().numpy()
                                              for p in (lin1.weight, lin1.bias, lin2.weight, lin2.bias)))
    close(ours, lin2(torch.relu(lin1(t(x)))), rtol=1e-9)


def _encoder_layer_weights(layer):
    """Our arguments from a torch.nn.TransformerEncoderLayer whose attention has zero biases."""
    def n(p):
        return p.detach().numpy().copy()

    wq, wk, wv = (n(w).T for w in layer.self_attn.in_proj_weight.chunk(3))
    return ((wq, wk, wv, n(layer.self_attn.out_proj.weight).T, layer.self_attn.num_heads,
             n(layer.norm1.weight), n(layer.norm1.bias), n(layer.linear1.weight).T, n(layer.linear1.bias),
             n(layer.linear2.weight).T, n(layer.linear2.bias), n(layer.norm2.weight), n(layer.norm2.bias)))


@pytest.mark.parametrize("masked", [False, True])
def test_transformer_encoder_layer_matches_torch_with_the_same_weights(masked):
    """The paper track's final exercise: the learner's composition equals PyTorch's post-norm layer
    (dropout 0, batch first, norm_first=False, ReLU) with the same weights."""
    d, h, f, L = 8, 2, 16, 5
    torch.manual_seed(0)
    layer = torch.nn.TransformerEncoderLayer(d, h, dim_feedforward=f, dropout=0.0, activation="relu",
                                             batch_first=True, norm_first=False, dtype=torch.float64)
    with torch.no_grad():  # our attention has no biases; everything else is torch's own random init
        layer.self_attn.in_proj_bias.zero_()
        layer.self_attn.out_proj.bias.zero_()
        for norm in (layer.norm1, layer.norm2):
            norm.weight.add_(0.3 * torch.randn(d, dtype=torch.float64))
            norm.bias.add_(0.3 * torch.randn(d, dtype=torch.float64))
    layer.eval()
    x = rng.normal(size=(3, L, d))
    allowed = np.tril(np.ones((L, L), dtype=bool)) if masked else None
    ours = reference("transformer_encoder_layer")(x, *_encoder_layer_weights(layer), mask=allowed)
    with torch.no_grad():
        theirs = layer(t(x), src_mask=None if allowed is None else torch.tensor(~allowed))  # True = masked out
    close(ours, theirs, rtol=1e-9, atol=1e-10)


@pytest.mark.parametrize("beta", [0.9, 0.999])
def test_bias_corrected_ema_is_adams_exp_avg_over_its_bias_correction(beta):
    """torch.optim.Adam's state after t steps: exp_avg / (1 - beta1**t) is our estimate at t."""
    grads = rng.normal(size=(6, 4))
    param = torch.zeros(4, dtype=torch.float64, requires_grad=True)
    optim = torch.optim.Adam([param], lr=1e-3, betas=(beta, 0.999))
    ours = reference("bias_corrected_ema")(grads, beta)
    for step, g in enumerate(grads, 1):
        param.grad = t(g)
        optim.step()
        close(ours[step - 1], optim.state[param]["exp_avg"] / (1 - beta**step))


@pytest.mark.parametrize("kwargs", [{}, {"lr": 0.1}, {"lr": 0.02, "beta1": 0.5, "beta2": 0.9, "eps": 1e-6}])
def test_adam_loop_matches_torch_optim_adam_step_by_step(kwargs):
    """The Adam track's final exercise: the whole of Algorithm 1 on a quadratic, trajectory for
    trajectory, against torch.optim.Adam with the same start and hyperparameters."""
    d, steps = 4, 25
    q = rng.normal(size=(d, d))
    A, b, x0 = q @ q.T / d + 0.5 * np.eye(d), rng.normal(size=d), rng.normal(size=d)
    ours = reference("adam_minimize_quadratic")(A, b, x0, steps, **kwargs)
    lr, b1, b2, eps = (kwargs.get(k, dflt) for k, dflt in (("lr", 1e-3), ("beta1", 0.9), ("beta2", 0.999),
                                                            ("eps", 1e-8)))
    x = torch.tensor(x0.copy(), requires_grad=True)
    optim = torch.optim.Adam([x], lr=lr, betas=(b1, b2), eps=eps)
    theirs = [x.detach().clone()]
    for _ in range(steps):
        optim.zero_grad()
        (0.5 * x @ t(A) @ x - t(b) @ x).backward()
        optim.step()
        theirs.append(x.detach().clone())
    close(ours, torch.stack(theirs), rtol=1e-9)


def test_layer_norm_rnn_matches_torch_layer_norm_inside_the_recurrence():
    """The Layer Normalization track's final exercise: eq. 4 against torch.nn.LayerNorm (the same gain,
    bias and eps) applied to the summed inputs at every step, then tanh."""
    T, N, D, H = 6, 3, 4, 5
    x, h0 = rng.normal(size=(T, N, D)), rng.normal(size=(N, H)) * 0.5
    W_ih, W_hh = rng.normal(size=(H, D)) / np.sqrt(D), rng.normal(size=(H, H)) / np.sqrt(H)
    norm = torch.nn.LayerNorm(H, eps=1e-5, dtype=torch.float64)
    with torch.no_grad():
        norm.weight.copy_(t(1 + 0.3 * rng.normal(size=H)))
        norm.bias.copy_(t(0.3 * rng.normal(size=H)))
        h, theirs = t(h0), []
        for x_t in t(x):
            h = torch.tanh(norm(x_t @ t(W_ih).T + h @ t(W_hh).T))
            theirs.append(h)
    ours = reference("layer_norm_rnn")(x, h0, W_ih, W_hh, norm.weight.detach().numpy(), norm.bias.detach().numpy())
    close(ours, torch.stack(theirs), rtol=1e-9)


@pytest.mark.parametrize("recon_var", [1.0, 0.5])
def test_vae_negative_elbo_matches_torch_modules_and_distributions(recon_var):
    """The VAE track's final exercise: the Gaussian-MLP VAE of Appendix C.2 built of torch Linear layers
    (the same weights), torch.distributions' Normal log-probability and closed-form KL."""
    from torch.distributions import Normal, kl_divergence

    N, D, hidden, J = 4, 6, 5, 3
    torch.manual_seed(1)
    enc, mu_head, lv_head = (torch.nn.Linear(a, b, dtype=torch.float64) for a, b in ((D, hidden), (hidden, J),
                                                                                      (hidden, J)))
    dec, out = (torch.nn.Linear(a, b, dtype=torch.float64) for a, b in ((J, hidden), (hidden, D)))
    x, eps = rng.normal(size=(N, D)), rng.normal(size=(N, J))
    with torch.no_grad():
        h = torch.tanh(enc(t(x)))
        mu, log_var = mu_head(h), lv_head(h)
        std = torch.exp(0.5 * log_var)
        mean = out(torch.tanh(dec(mu + std * t(eps))))
        recon = Normal(mean, torch.full_like(mean, recon_var ** 0.5)).log_prob(t(x)).sum(-1)
        kl = kl_divergence(Normal(mu, std), Normal(torch.zeros_like(mu), torch.ones_like(std))).sum(-1)
    weights = [a for layer in (enc, mu_head, lv_head, dec, out)
               for a in (layer.weight.detach().numpy().T.copy(), layer.bias.detach().numpy().copy())]
    ours = reference("vae_negative_elbo")(x, eps, *weights, recon_var=recon_var)
    close(ours, kl - recon, rtol=1e-9)


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


def test_softmax_jacobian_matches_autograd():
    x = rng.normal(size=(3, 5)) * 2
    ours = reference("softmax_jacobian")(x)
    for row, jac in zip(x, ours):
        close(jac, torch.autograd.functional.jacobian(lambda z: F.softmax(z, dim=-1), t(row)))


def test_matmul_vjp_matches_autograd():
    A, B, dC = rng.normal(size=(2, 3, 4)), rng.normal(size=(4, 5)), rng.normal(size=(2, 3, 5))
    a, b = t(A).requires_grad_(), t(B).requires_grad_()
    (a @ b).backward(t(dC))
    dA, dB = reference("matmul_vjp")(A, B, dC)
    close(dA, a.grad)
    close(dB, b.grad)


@pytest.mark.parametrize("shape", [(4, 6), (2, 3, 5)])
def test_layer_norm_backward_matches_autograd(shape):
    x, g, b, dy = rng.normal(size=shape), rng.normal(size=shape[-1]), rng.normal(size=shape[-1]), rng.normal(size=shape)
    xt, gt, bt = t(x).requires_grad_(), t(g).requires_grad_(), t(b).requires_grad_()
    F.layer_norm(xt, (shape[-1],), weight=gt, bias=bt, eps=1e-5).backward(t(dy))
    dx, dgamma, dbeta = reference("layer_norm_backward")(x, g, dy, eps=1e-5)
    close(dx, xt.grad, rtol=1e-9, atol=1e-11)
    close(dgamma, gt.grad)
    close(dbeta, bt.grad)


def test_reverse_mode_autodiff_matches_autograd():
    ops = ["mul", "exp", "add", "log", "mul", "tanh", "sub", "mul", "sub"]
    args = [[0, 1], [3], [4, 2], [5], [6, 0], [1], [7, 8], [9, 9], [10, 1]]
    x = np.array([0.7, -1.3, 1.0])
    value, grad = reference("reverse_mode_autodiff")(x, ops, args)
    xt = t(x).requires_grad_()
    nodes = list(xt)
    unary = {"exp": torch.exp, "log": torch.log, "tanh": torch.tanh}
    binary = {"add": torch.add, "sub": torch.sub, "mul": torch.mul}
    for op, a in zip(ops, args):
        nodes.append(unary[op](nodes[a[0]]) if op in unary else binary[op](nodes[a[0]], nodes[a[1]]))
    nodes[-1].backward()
    close(value, nodes[-1])
    close(grad, xt.grad)


@pytest.mark.parametrize("name, fn, n", [("softmax_vec", lambda z: F.softmax(z, dim=0), 4),
                                         ("neighbour_products", lambda z: z[:-1] * z[1:], 5),
                                         ("moments", lambda z: torch.stack([z.mean(), (z ** 2).mean(), (z ** 3).mean()]), 4)])
def test_numerical_jacobian_matches_autograd(name, fn, n):
    from byhand.grading.testfns import REGISTRY

    x = rng.normal(size=n)
    ours = reference("numerical_jacobian")(REGISTRY[name], x)
    close(ours, torch.autograd.functional.jacobian(fn, t(x)), rtol=1e-6, atol=1e-8)


def test_logistic_loss_taylor_matches_autograd_hessian():
    X, y = rng.normal(size=(12, 3)), rng.integers(0, 2, size=12).astype(float)
    w, d = rng.normal(size=3), rng.normal(size=3) * 0.5

    def loss(v):
        return F.binary_cross_entropy_with_logits(t(X) @ v, t(y))

    H, q = reference("logistic_loss_taylor")(w, X, y, d)
    wt = t(w).requires_grad_()
    (g,) = torch.autograd.grad(loss(wt), wt)
    hess = torch.autograd.functional.hessian(loss, t(w))
    close(H, hess)
    close(q, loss(t(w)) + g @ t(d) + 0.5 * t(d) @ hess @ t(d))


@pytest.mark.parametrize("shape", [(4, 4), (6, 3), (3, 5)])
def test_condition_number_matches_torch(shape):
    A = rng.normal(size=shape)
    ours = reference("condition_number")(A)
    close(ours, torch.linalg.cond(t(A)), rtol=1e-10)
    np.testing.assert_allclose(ours, np.linalg.cond(A), rtol=1e-10)


@pytest.mark.parametrize("name, fn", [("rosenbrock", lambda z: (100 * (z[1:] - z[:-1] ** 2) ** 2 + (1 - z[:-1]) ** 2).sum()),
                                      ("log_sum_exp", lambda z: torch.logsumexp(z, dim=0))])
def test_numerical_hessian_matches_autograd(name, fn):
    from byhand.grading.testfns import REGISTRY

    x = rng.uniform(-1.0, 1.0, size=4)
    ours = reference("numerical_hessian")(REGISTRY[name], x)
    close(ours, torch.autograd.functional.hessian(fn, t(x)), rtol=1e-5, atol=1e-4)


@pytest.mark.parametrize("lam", [0.0, 0.3, 2.0])
def test_soft_threshold_is_softshrink(lam):
    x = rng.normal(size=(4, 7)) * 2
    close(reference("soft_threshold")(x, lam), F.softshrink(t(x), lam), rtol=1e-12, atol=0)


def test_hinge_loss_subgradient_matches_autograd():
    n, d, lam = 30, 4, 0.05
    y = rng.choice([-1.0, 1.0], size=n)
    X = rng.normal(size=(n, d)) + 0.5 * y[:, None]
    w0, b0 = rng.normal(size=d), 0.3
    loss, grad_w, grad_b = reference("hinge_loss_subgradient")(w0, b0, X, y, lam)
    w, b = t(w0).requires_grad_(), t(b0).requires_grad_()
    margin = t(y) * (t(X) @ w + b)
    assert not torch.any(margin == 1)  # no kink: the subgradient is the gradient
    theirs = torch.clamp(1 - margin, min=0).mean() + lam / 2 * (w @ w)
    theirs.backward()
    close(loss, theirs)
    close(grad_w, w.grad)
    close(grad_b, b.grad)


@pytest.mark.parametrize("name, opt, kwargs", [
    ("rmsprop_step", "RMSprop", {"lr": 1e-2, "alpha": 0.9, "eps": 1e-8}),
    ("adagrad_step", "Adagrad", {"lr": 1e-1, "eps": 1e-10}),
])
def test_rmsprop_and_adagrad_steps_match_torch_over_several_steps(name, opt, kwargs):
    p0 = rng.normal(size=(3, 4))
    param = torch.tensor(p0.copy(), requires_grad=True)
    optim = getattr(torch.optim, opt)([param], **kwargs)
    ours, state = p0.copy(), np.zeros((3, 4))
    for _ in range(6):
        grad = rng.normal(size=(3, 4)) * rng.choice([1e-6, 1.0, 100.0])
        param.grad = t(grad)
        optim.step()
        ours, state = reference(name)(ours, grad, state, **kwargs)
        close(ours, param, rtol=1e-9)
    key = "square_avg" if opt == "RMSprop" else "sum"
    close(state, optim.state[param][key], rtol=1e-9)


def _rnn_weights(module):
    return tuple(getattr(module, name).detach().numpy().copy()
                 for name in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"))


def test_rnn_forward_matches_torch_rnn_and_rnn_cell():
    T, N, D, H = 5, 3, 4, 6
    x, h0 = rng.normal(size=(T, N, D)), rng.normal(size=(N, H))
    rnn = torch.nn.RNN(D, H, nonlinearity="tanh", dtype=torch.float64)
    W_ih, W_hh, b_ih, b_hh = _rnn_weights(rnn)
    ours = reference("rnn_forward")(x, h0, W_ih, W_hh, b_ih, b_hh)
    theirs, _ = rnn(t(x), t(h0)[None])
    close(ours, theirs, rtol=1e-9)
    cell = torch.nn.RNNCell(D, H, dtype=torch.float64)
    with torch.no_grad():
        for name, w in zip(("weight_ih", "weight_hh", "bias_ih", "bias_hh"), (W_ih, W_hh, b_ih, b_hh)):
            getattr(cell, name).copy_(t(w))
    close(ours[0], cell(t(x[0]), t(h0)), rtol=1e-9)


def test_rnn_bptt_matches_autograd():
    T, N, D, H = 6, 2, 3, 4
    x, h0, dH = rng.normal(size=(T, N, D)), rng.normal(size=(N, H)), rng.normal(size=(T, N, H))
    rnn = torch.nn.RNN(D, H, nonlinearity="tanh", dtype=torch.float64)
    weights = _rnn_weights(rnn)
    h0_t = t(h0)[None].requires_grad_()
    out, _ = rnn(t(x), h0_t)
    (out * t(dH)).sum().backward()
    ours = reference("rnn_bptt")(x, h0, *weights, dH)
    theirs = [getattr(rnn, name).grad for name in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")]
    for o, th in zip(ours, theirs + [h0_t.grad[0]]):
        close(o, th, rtol=1e-9)


def _cell_weights(cell):
    return tuple(getattr(cell, name).detach().numpy().copy() for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"))


def test_lstm_cell_matches_torch():
    N, D, H = 4, 3, 5
    x, h, c = rng.normal(size=(N, D)), rng.normal(size=(N, H)), rng.normal(size=(N, H)) * 2
    cell = torch.nn.LSTMCell(D, H, dtype=torch.float64)
    ours_h, ours_c = reference("lstm_cell")(x, h, c, *_cell_weights(cell))
    theirs_h, theirs_c = cell(t(x), (t(h), t(c)))
    close(ours_h, theirs_h, rtol=1e-9)
    close(ours_c, theirs_c, rtol=1e-9)


def test_gru_cell_matches_torch():
    N, D, H = 4, 3, 5
    x, h = rng.normal(size=(N, D)), rng.normal(size=(N, H))
    cell = torch.nn.GRUCell(D, H, dtype=torch.float64)
    close(reference("gru_cell")(x, h, *_cell_weights(cell)), cell(t(x), t(h)), rtol=1e-9)


@pytest.mark.parametrize("stride, padding, kernel", [(1, 0, (3, 3)), (2, 1, (3, 3)), (3, 2, (4, 2)), (2, 0, (1, 1))])
def test_conv2d_matches_torch(stride, padding, kernel):
    x, w, b = rng.normal(size=(2, 3, 9, 8)), rng.normal(size=(4, 3) + kernel), rng.normal(size=4)
    ours = reference("conv2d")(x, w, b, stride=stride, padding=padding)
    close(ours, F.conv2d(t(x), t(w), t(b), stride=stride, padding=padding), rtol=1e-9)


@pytest.mark.parametrize("kernel, stride, padding", [(2, None, 0), (3, 1, 1), (3, 2, 1), (2, 2, 1), (3, None, 0)])
def test_max_and_avg_pool2d_match_torch(kernel, stride, padding):
    x = rng.normal(size=(2, 3, 7, 6)) - 1.0
    ours = reference("max_pool2d")(x, kernel, stride=stride, padding=padding)
    close(ours, F.max_pool2d(t(x), kernel, stride=stride, padding=padding), rtol=0, atol=0)
    ours = reference("avg_pool2d")(x, kernel, stride=stride, padding=padding)
    close(ours, F.avg_pool2d(t(x), kernel, stride=stride, padding=padding), rtol=1e-12)


def test_rope_matches_the_complex_rotation_of_meta_llama_code():
    """Meta's LLaMA reference code views neighbouring feature pairs as complex numbers and
    multiplies them by e^{i m theta_j} (precompute_freqs_cis, apply_rotary_emb)."""
    L, d, base = 7, 8, 10000.0
    x, positions = rng.normal(size=(2, L, d)), np.array([0, 1, 2, 3, 10, 11, 500])
    freqs = 1.0 / (base ** (torch.arange(0, d, 2, dtype=torch.float64) / d))
    freqs_cis = torch.polar(torch.ones(L, d // 2, dtype=torch.float64),
                            torch.outer(torch.tensor(positions, dtype=torch.float64), freqs))
    x_complex = torch.view_as_complex(t(x).reshape(2, L, d // 2, 2))
    theirs = torch.view_as_real(x_complex * freqs_cis).flatten(-2)
    close(reference("rope")(x, positions, base=base), theirs, rtol=1e-9)


def test_rope_scores_depend_only_on_the_offset():
    rope = reference("rope")
    q, k = rng.normal(size=(1, 16)), rng.normal(size=(1, 16))
    scores = [float(rope(q, np.array([m]))[0] @ rope(k, np.array([m + 3]))[0]) for m in (0, 5, 40)]
    np.testing.assert_allclose(scores, scores[0], rtol=1e-9)


def test_kv_cache_steps_equal_full_causal_attention():
    T, d, d_k, d_v = 6, 8, 4, 5
    x = rng.normal(size=(T, d))
    W_q, W_k, W_v = rng.normal(size=(d, d_k)), rng.normal(size=(d, d_k)), rng.normal(size=(d, d_v))
    K, V, outs = np.zeros((0, d_k)), np.zeros((0, d_v)), []
    for step in range(T):
        out, K, V = reference("kv_cache_attention_step")(x[step], K, V, W_q, W_k, W_v)
        outs.append(out)
    theirs = F.scaled_dot_product_attention(t(x @ W_q), t(x @ W_k), t(x @ W_v), is_causal=True)
    close(np.stack(outs), theirs, rtol=1e-9)
    close(K, t(x @ W_k))


def test_swiglu_matches_llama_mlp_with_torch_silu():
    """Hugging Face's LlamaMLP: down_proj(silu(gate_proj(x)) * up_proj(x)), bias-free Linear layers."""
    d, f = 6, 10
    x = rng.normal(size=(2, 3, d)) * 3
    gate, up, down = (torch.nn.Linear(i, o, bias=False, dtype=torch.float64) for i, o in ((d, f), (d, f), (f, d)))
    W, V, W2 = (m.weight.detach().numpy().T.copy() for m in (gate, up, down))
    close(reference("swiglu")(x, W, V, W2), down(F.silu(gate(t(x))) * up(t(x))), rtol=1e-9)


def test_lora_forward_equals_the_merged_linear_layer():
    d_in, d_out, r, alpha = 8, 5, 2, 16.0
    x = rng.normal(size=(4, d_in))
    W0, A, B = rng.normal(size=(d_out, d_in)), rng.normal(size=(r, d_in)), rng.normal(size=(d_out, r))
    merged = t(W0) + (alpha / r) * t(B) @ t(A)  # W0 + (alpha / r) B A, what merging the adapter gives
    close(reference("lora_forward")(x, W0, A, B, alpha), F.linear(t(x), merged), rtol=1e-9)


@pytest.mark.parametrize("k", [1, 2, 3])
def test_moe_gating_matches_mixtral_routing(k):
    """Mixtral's router in Hugging Face: softmax over all experts, top-k, renormalize."""
    x, W_g = rng.normal(size=(6, 5)), rng.normal(size=(5, 8))
    probs = F.softmax(t(x @ W_g), dim=-1)
    top, idx = torch.topk(probs, k, dim=-1)
    theirs = torch.zeros_like(probs).scatter(-1, idx, top / top.sum(dim=-1, keepdim=True))
    close(reference("moe_top_k_gating")(x, W_g, k), theirs, rtol=1e-9)


def test_teacher_forced_rnn_nll_matches_torch_decoder():
    V, D, H, T, bos = 7, 4, 5, 6, 0
    targets, h0 = rng.integers(1, V, size=T), rng.normal(size=H)
    emb = torch.nn.Embedding(V, D, dtype=torch.float64)
    rnn = torch.nn.RNN(D, H, dtype=torch.float64)
    out = torch.nn.Linear(H, V, dtype=torch.float64)
    decoder_input = torch.tensor(np.concatenate([[bos], targets[:-1]]))  # shifted right
    states, _ = rnn(emb(decoder_input)[:, None, :], t(h0)[None, None, :])
    theirs = F.cross_entropy(out(states[:, 0]), torch.tensor(targets), reduction="sum")
    weights = (emb.weight.detach().numpy(),) + _rnn_weights(rnn)
    ours = reference("teacher_forced_rnn_nll")(targets, h0, *weights, out.weight.detach().numpy(),
                                               out.bias.detach().numpy(), bos)
    close(ours, theirs, rtol=1e-9)


@pytest.mark.parametrize("kernel, stride", [(2, None), (3, 1), (3, 2)])
def test_max_pool2d_backward_matches_autograd(kernel, stride):
    x = rng.normal(size=(2, 2, 7, 7))
    x[0, 0, :3, :3] = 1.5  # a window of ties: torch gives the gradient to the first maximum
    xt = t(x).requires_grad_()
    y = F.max_pool2d(xt, kernel, stride=stride)
    dy = rng.normal(size=tuple(y.shape))
    y.backward(t(dy))
    close(reference("max_pool2d_backward")(x, dy, kernel, stride=stride), xt.grad, rtol=1e-12)


def test_conv2d_backward_matches_autograd():
    x, w, b = rng.normal(size=(2, 3, 7, 6)), rng.normal(size=(4, 3, 3, 2)), rng.normal(size=4)
    xt, wt, bt = (t(a).requires_grad_() for a in (x, w, b))
    y = F.conv2d(xt, wt, bt)
    dy = rng.normal(size=tuple(y.shape))
    y.backward(t(dy))
    for ours, theirs in zip(reference("conv2d_backward")(x, w, dy), (xt.grad, wt.grad, bt.grad)):
        close(ours, theirs, rtol=1e-9)


def test_patch_embedding_matches_strided_conv2d():
    """timm's PatchEmbed: Conv2d(C, D, kernel_size=P, stride=P), then flatten(2).transpose(1, 2)."""
    x, w, b = rng.normal(size=(2, 3, 12, 8)), rng.normal(size=(5, 3, 4, 4)), rng.normal(size=5)
    theirs = F.conv2d(t(x), t(w), t(b), stride=4).flatten(2).transpose(1, 2)
    close(reference("patch_embedding")(x, w, b), theirs, rtol=1e-9)


@pytest.mark.parametrize("H, G", [(4, 2), (6, 3), (4, 1), (3, 3)])
def test_grouped_query_attention_matches_torch_enable_gqa(H, G):
    q, k, v = rng.normal(size=(2, H, 3, 4)), rng.normal(size=(2, G, 5, 4)), rng.normal(size=(2, G, 5, 4))
    mask = rng.random(size=(2, H, 3, 5)) > 0.3
    mask[..., 0] = True  # never mask a whole row
    ours = reference("grouped_query_attention")(q, k, v, mask=mask)
    theirs = F.scaled_dot_product_attention(t(q), t(k), t(v), attn_mask=torch.tensor(mask), enable_gqa=True)
    close(ours, theirs, rtol=1e-9)


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


def test_reinforce_gradient_is_the_gradient_of_the_surrogate_loss():
    S, A, N = 4, 5, 50
    logits = rng.normal(size=(S, A)) * 2
    states, actions = rng.integers(0, S, size=N), rng.integers(0, A, size=N)
    returns, baselines = rng.normal(size=N) * 3, rng.normal(size=N)
    ours = reference("reinforce_gradient")(logits, states, actions, returns, baselines)
    # autograd through log_softmax of the surrogate mean_t (G_t - b_t) log pi(a_t | s_t)
    theta = t(logits).requires_grad_()
    log_pi = F.log_softmax(theta, dim=-1)[torch.tensor(states), torch.tensor(actions)]
    (t(returns - baselines) * log_pi).mean().backward()
    close(ours, theta.grad)


@pytest.mark.parametrize("clip_eps", [0.1, 0.2, 0.3])
def test_ppo_clip_objective_matches_the_cleanrl_loss(clip_eps):
    lp_old = np.log(rng.uniform(0.05, 0.9, size=200))
    lp_new = lp_old + rng.normal(size=200) * 0.4
    adv = rng.normal(size=200)
    ours = reference("ppo_clip_objective")(lp_new, lp_old, adv, clip_eps=clip_eps)
    # CleanRL's ppo.py writes the loss as a max of two negated terms
    ratio = (t(lp_new) - t(lp_old)).exp()
    pg_loss = torch.max(-t(adv) * ratio, -t(adv) * torch.clamp(ratio, 1 - clip_eps, 1 + clip_eps)).mean()
    close(-ours, pg_loss)


# generative models (issue 16, gap 6): DDPM's schedules, forward process and posterior


def test_linear_noise_schedule_matches_torch_linspace_and_cumprod():
    betas, alpha_bars = reference("linear_noise_schedule")(1e-4, 0.02, 1000)
    theirs = torch.linspace(1e-4, 0.02, 1000, dtype=torch.float64)  # as DDPM's code builds it
    close(betas, theirs)
    close(alpha_bars, torch.cumprod(1 - theirs, dim=0))
    np.testing.assert_allclose(alpha_bars, np.exp(np.cumsum(np.log1p(-betas))), rtol=1e-10)


@pytest.mark.parametrize("T", [1, 4, 1000])
def test_cosine_noise_schedule_matches_improved_diffusion_code(T):
    import math

    def alpha_bar(t):  # improved-diffusion's gaussian_diffusion.get_named_beta_schedule("cosine")
        return math.cos((t + 0.008) / 1.008 * math.pi / 2) ** 2

    theirs = [min(1 - alpha_bar((i + 1) / T) / alpha_bar(i / T), 0.999) for i in range(T)]
    betas, alpha_bars = reference("cosine_noise_schedule")(T)
    np.testing.assert_allclose(betas, theirs, rtol=1e-10, atol=1e-15)
    close(alpha_bars, torch.cumprod(1 - torch.tensor(theirs, dtype=torch.float64), dim=0))


def test_ddpm_forward_sample_equals_the_markov_chain_run_step_by_step():
    betas = np.sort(rng.uniform(0.01, 0.3, size=7))
    t_steps = np.array([1, 3, 7])
    x0 = rng.normal(size=(3, 4))
    forward = reference("ddpm_forward_sample")
    mean = forward(x0, t_steps, np.zeros_like(x0), betas)
    std = forward(np.zeros_like(x0), t_steps, np.ones_like(x0), betas)
    for i, t_i in enumerate(t_steps):
        m, v = x0[i].copy(), 0.0  # x_s = sqrt(1 - beta_s) x_{s-1} + sqrt(beta_s) eps_s, one step at a time
        for s in range(t_i):
            m, v = np.sqrt(1 - betas[s]) * m, (1 - betas[s]) * v + betas[s]
        np.testing.assert_allclose(mean[i], m, rtol=1e-12)
        np.testing.assert_allclose(std[i], np.sqrt(v), rtol=1e-12)


@pytest.mark.parametrize("step", [1, 2, 5])
def test_ddpm_posterior_is_gaussian_conditioning_of_the_forward_chain(step):
    betas = np.sort(rng.uniform(0.02, 0.4, size=5))
    x0, xt = rng.normal(size=3), rng.normal(size=3)
    mean, var = reference("ddpm_posterior")(x0, xt, step, betas)
    # joint of (x_{t-1}, x_t) given x0: x_{t-1} ~ N(a x0, v), x_t = sqrt(alpha_t) x_{t-1} + sqrt(beta_t) e
    ab_prev = np.prod(1 - betas[: step - 1])
    a, v, alpha = np.sqrt(ab_prev), 1 - ab_prev, 1 - betas[step - 1]
    cov_prev_t, var_t = np.sqrt(alpha) * v, alpha * v + betas[step - 1]
    np.testing.assert_allclose(mean, a * x0 + cov_prev_t / var_t * (xt - np.sqrt(alpha) * a * x0), rtol=1e-10,
                               atol=1e-12)
    np.testing.assert_allclose(var, v - cov_prev_t**2 / var_t, rtol=1e-10, atol=1e-15)


@pytest.mark.parametrize("step", [1, 3, 6])
def test_ddpm_reverse_step_is_the_posterior_at_the_predicted_x0_plus_noise(step):
    betas = np.sort(rng.uniform(0.02, 0.4, size=6))
    xt, eps_pred, z = rng.normal(size=4), rng.normal(size=4), rng.normal(size=4)
    alpha_bar = np.prod(1 - betas[:step])
    x0_pred = (xt - np.sqrt(1 - alpha_bar) * eps_pred) / np.sqrt(alpha_bar)  # invert q(x_t | x_0)
    mean, _ = reference("ddpm_posterior")(x0_pred, xt, step, betas)
    sigma = np.sqrt(betas[step - 1]) if step > 1 else 0.0
    ours = reference("ddpm_reverse_step")(xt, step, eps_pred, z, betas)
    np.testing.assert_allclose(ours, mean + sigma * z, rtol=1e-9, atol=1e-12)


def test_weighted_ddpm_eps_loss_is_the_kl_term_of_the_bound_in_torch():
    betas = np.sort(rng.uniform(0.02, 0.4, size=6))
    steps = np.array([2, 4, 6])
    x0, eps, eps_pred = rng.normal(size=(3, 5)), rng.normal(size=(3, 5)), rng.normal(size=(3, 5))
    xt = reference("ddpm_forward_sample")(x0, steps, eps, betas)
    ours = reference("ddpm_eps_loss")(eps, eps_pred, steps, betas, weighted=True)
    for i, step in enumerate(steps):
        mu_q, var_q = reference("ddpm_posterior")(x0[i], xt[i], step, betas)
        mu_p = reference("ddpm_reverse_step")(xt[i], step, eps_pred[i], np.zeros(5), betas)
        q = torch.distributions.Normal(t(mu_q), t(np.sqrt(var_q)))
        p = torch.distributions.Normal(t(mu_p), t(np.sqrt(betas[step - 1])))
        p_best = torch.distributions.Normal(t(mu_q), t(np.sqrt(betas[step - 1])))  # the constant C of eq. 12
        kl = torch.distributions.kl_divergence(q, p).sum() - torch.distributions.kl_divergence(q, p_best).sum()
        np.testing.assert_allclose(ours[i], kl.item(), rtol=1e-8)


# scores: grad_x log p(x) by torch's autograd


def test_gaussian_score_matches_autograd_of_torch_multivariate_normal():
    d = 4
    a = rng.normal(size=(d, d))
    cov, mu, x = a @ a.T + 0.5 * np.eye(d), rng.normal(size=d), rng.normal(size=(6, d))
    xt = t(x).requires_grad_()
    torch.distributions.MultivariateNormal(t(mu), covariance_matrix=t(cov)).log_prob(xt).sum().backward()
    close(reference("gaussian_score")(x, mu, cov), xt.grad, rtol=1e-8, atol=1e-10)


def test_denoising_score_matching_target_is_the_autograd_score_of_the_noising_kernel():
    x, sigma = rng.normal(size=(3, 5)), np.array([0.2, 1.0, 3.0])
    x_noisy = x + sigma[:, None] * rng.normal(size=(3, 5))
    xn = t(x_noisy).requires_grad_()
    torch.distributions.Normal(t(x), t(sigma[:, None]).expand(3, 5)).log_prob(xn).sum().backward()
    loss = reference("denoising_score_matching_loss")
    np.testing.assert_allclose(loss(xn.grad.numpy(), x_noisy, x, sigma), 0.0, atol=1e-20)  # the target itself
    score_pred = rng.normal(size=(3, 5))
    theirs = 0.5 * t(sigma) ** 2 * ((t(score_pred) - xn.grad) ** 2).sum(dim=1)
    close(loss(score_pred, x_noisy, x, sigma), theirs)


# change of variables and RealNVP's coupling layer: torch's distributions and autograd Jacobians


def test_linear_flow_log_density_matches_torch_distributions():
    D = torch.distributions
    A, b, y = rng.normal(size=(3, 3)) + 2 * np.eye(3), rng.normal(size=3), rng.normal(size=(5, 3))
    A[0] *= -1  # a reflection too: only |det A| matters
    ours = reference("linear_flow_log_density")(y, A, b)
    close(ours, D.MultivariateNormal(t(b), covariance_matrix=t(A @ A.T)).log_prob(t(y)), rtol=1e-9)
    scale = rng.uniform(0.3, 3.0, size=3)
    flow = D.TransformedDistribution(D.Independent(D.Normal(t(np.zeros(3)), t(np.ones(3))), 1),
                                     [D.AffineTransform(t(b), t(scale), event_dim=1)])
    close(reference("linear_flow_log_density")(y, np.diag(scale), b), flow.log_prob(t(y)), rtol=1e-9)


def _coupling_layer(N, D):
    d = D // 2
    return (rng.normal(size=(N, D)), rng.normal(size=(d, D - d)), 0.5 * rng.normal(size=D - d),
            rng.normal(size=(d, D - d)), rng.normal(size=D - d))


@pytest.mark.parametrize("D", [2, 5, 6])
def test_affine_coupling_log_det_matches_the_autograd_jacobian(D):
    x, W_s, b_s, W_t, b_t = _coupling_layer(3, D)
    d = D // 2

    def layer(row, sign):  # the forward (sign=+1) or inverse (sign=-1) layer on one row, in torch
        a, c = row[:d], row[d:]
        s = torch.tanh(a @ t(W_s) + t(b_s))
        shift = a @ t(W_t) + t(b_t)
        return torch.cat([a, c * torch.exp(s) + shift if sign > 0 else (c - shift) * torch.exp(-s)])

    for name, sign in [("affine_coupling_forward", 1), ("affine_coupling_inverse", -1)]:
        out, log_det = reference(name)(x, W_s, b_s, W_t, b_t)
        for i in range(len(x)):
            J = torch.autograd.functional.jacobian(lambda r: layer(r, sign), t(x[i]))
            close(out[i], layer(t(x[i]), sign))
            np.testing.assert_allclose(log_det[i], torch.linalg.slogdet(J).logabsdet.item(), rtol=1e-10,
                                       atol=1e-12)


def test_affine_coupling_inverse_undoes_the_forward_layer():
    x, *weights = _coupling_layer(4, 6)
    y, log_det = reference("affine_coupling_forward")(x, *weights)
    x_back, log_det_back = reference("affine_coupling_inverse")(y, *weights)
    np.testing.assert_allclose(x_back, x, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(log_det + log_det_back, 0.0, atol=1e-12)


# samplers built on the noise prediction: DDIM, classifier-free guidance, annealed Langevin dynamics


@pytest.mark.parametrize("step", [2, 4])
def test_ddim_with_eta_1_is_the_ddpm_posterior_at_the_predicted_x0(step):
    betas = np.sort(rng.uniform(0.02, 0.4, size=5))
    alpha_bars = np.cumprod(1 - betas)
    xt, eps_pred, z = rng.normal(size=4), rng.normal(size=4), rng.normal(size=4)
    ours = reference("ddim_step")(xt, eps_pred, alpha_bars[step - 1], alpha_bars[step - 2], z, eta=1.0)
    x0_pred = (xt - np.sqrt(1 - alpha_bars[step - 1]) * eps_pred) / np.sqrt(alpha_bars[step - 1])
    mean, var = reference("ddpm_posterior")(x0_pred, xt, step, betas)  # DDIM eq. 16: eta = 1 is DDPM
    np.testing.assert_allclose(ours, mean + np.sqrt(var) * z, rtol=1e-9, atol=1e-12)
    # eta = 0 at the last step returns the predicted clean sample
    np.testing.assert_allclose(reference("ddim_step")(xt, eps_pred, alpha_bars[0], 1.0, z), (
        xt - np.sqrt(1 - alpha_bars[0]) * eps_pred) / np.sqrt(alpha_bars[0]), rtol=1e-12)


def test_classifier_free_guidance_matches_the_stable_diffusion_pipeline_code():
    noise_pred, w = t(rng.normal(size=(6, 4, 3, 3))), 6.5
    noise_pred_uncond, noise_pred_text = noise_pred.chunk(2)  # diffusers' StableDiffusionPipeline
    theirs = noise_pred_uncond + (1 + w) * (noise_pred_text - noise_pred_uncond)  # guidance_scale = 1 + w
    close(reference("classifier_free_guidance")(noise_pred.numpy(), w), theirs)


def test_annealed_langevin_step_uses_the_autograd_score_and_samples_the_target():
    s = 0.7  # target N(0, s^2); its score by autograd
    x = t(rng.normal(size=5)).requires_grad_()
    torch.distributions.Normal(0.0, s).log_prob(x).sum().backward()
    step = reference("annealed_langevin_step")
    z = rng.normal(size=5)
    ours = step(x.detach().numpy(), x.grad.numpy(), z, 0.2, 0.1, 0.01)
    alpha = 0.01 * 0.2**2 / 0.1**2
    close(ours, x.detach() + alpha / 2 * x.grad + np.sqrt(alpha) * t(z))
    # many chains: the variance settles at the stationary variance of the discretized chain
    chains, alpha = rng.normal(size=20_000), 0.1 * s**2
    for _ in range(300):
        chains = step(chains, -chains / s**2, rng.normal(size=chains.shape), 1.0, 1.0, alpha)
    c = 1 - alpha / (2 * s**2)
    assert abs(chains.var() - alpha / (1 - c**2)) < 0.05 * s**2  # about 5 standard errors


@pytest.mark.parametrize("sigma_min", [0.0, 1e-4, 0.3])
def test_flow_matching_target_is_the_autograd_time_derivative_of_the_path(sigma_min):
    x0, x1, tt = rng.normal(size=(3, 4)), rng.normal(size=(3, 4)), rng.uniform(size=3)
    xt, ut = reference("flow_matching_target")(x0, x1, tt, sigma_min=sigma_min)

    def path(time):  # Lipman et al. 2023, eq. 22, written in torch
        time = time[:, None]
        return (1 - (1 - sigma_min) * time) * t(x0) + time * t(x1)

    value, velocity = torch.autograd.functional.jvp(path, t(tt), torch.ones(3, dtype=torch.float64))
    close(xt, value)
    close(ut, velocity)


def test_v_prediction_conversion_recovers_x0_and_eps_of_the_forward_process():
    betas = np.sort(rng.uniform(0.02, 0.4, size=6))
    x0, eps, step = rng.normal(size=(1, 5)), rng.normal(size=(1, 5)), 4
    xt = reference("ddpm_forward_sample")(x0, np.array([step]), eps, betas)
    alpha_bar = float(torch.cumprod(1 - t(betas), dim=0)[step - 1])
    v = np.sqrt(alpha_bar) * eps - np.sqrt(1 - alpha_bar) * x0  # Salimans & Ho 2022, v = alpha eps - sigma x
    x0_hat, eps_hat = reference("v_prediction_to_x0_eps")(xt, v, alpha_bar)
    np.testing.assert_allclose(x0_hat, x0, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(eps_hat, eps, rtol=1e-10, atol=1e-12)
