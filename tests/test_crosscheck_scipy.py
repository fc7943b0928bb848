"""Statistics and special-function references agree with SciPy."""

import numpy as np
import pytest

from crosscheck import reference, require

stats = require("scipy.stats", "the statistics references are compared with SciPy")
special = require("scipy.special", "the special-function references are compared with SciPy")
rng = np.random.default_rng(99)


def test_logsumexp_sigmoid_gelu_log_pdf():
    x = rng.normal(size=(4, 6)) * 30
    np.testing.assert_allclose(reference("logsumexp")(x), special.logsumexp(x, axis=-1), rtol=1e-12)
    np.testing.assert_allclose(reference("sigmoid")(x), special.expit(x), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(reference("gelu")(x / 10), x / 10 * stats.norm.cdf(x / 10), rtol=1e-12)
    mu, sigma = rng.normal(size=6), rng.uniform(0.1, 3, size=6)
    np.testing.assert_allclose(reference("gaussian_log_pdf")(x, mu, sigma),
                               stats.norm.logpdf(x, mu, sigma), rtol=1e-12)


def test_entropy_and_kl():
    p, q = rng.dirichlet(np.ones(5), size=3), rng.dirichlet(np.ones(5), size=3)
    p[0, 1] = 0
    p[0] /= p[0].sum()
    np.testing.assert_allclose(reference("entropy")(p), stats.entropy(p, axis=-1), rtol=1e-12)
    np.testing.assert_allclose(reference("kl_divergence")(p, q), stats.entropy(p, q, axis=-1), rtol=1e-12)


@pytest.mark.parametrize("n", [2, 5, 40])
def test_t_interval_and_paired_test(n):
    a, b = rng.normal(size=n), rng.normal(size=n) + 0.3
    low, high = reference("t_confidence_interval")(a, level=0.9)
    exp = stats.t.interval(0.9, n - 1, loc=a.mean(), scale=stats.sem(a))
    np.testing.assert_allclose([low, high], exp, rtol=1e-10)
    t_ours, p_ours = reference("paired_t_test")(a, b)
    res = stats.ttest_rel(a, b)
    np.testing.assert_allclose([t_ours, p_ours], [res.statistic, res.pvalue], rtol=1e-10)


def test_variance_standard_error_correlation_welch():
    x, y = rng.normal(size=30), rng.normal(size=30)
    np.testing.assert_allclose(reference("sample_variance")(x), stats.tvar(x), rtol=1e-12)
    np.testing.assert_allclose(reference("standard_error")(x), stats.sem(x), rtol=1e-12)
    np.testing.assert_allclose(reference("pearson_correlation")(x, y), stats.pearsonr(x, y).statistic, rtol=1e-12)
    a, b = rng.normal(size=12), rng.normal(size=20) * 3
    t_ours, _df = reference("two_sample_welch_t")(a, b)
    np.testing.assert_allclose(t_ours, stats.ttest_ind(a, b, equal_var=False).statistic, rtol=1e-12)


def test_binomial_pmf():
    k = np.arange(0, 31)
    np.testing.assert_allclose(reference("binomial_pmf")(k, 30, 0.3), stats.binom.pmf(k, 30, 0.3), rtol=1e-10)


@pytest.mark.parametrize("n", [1, 3, 6])
def test_lu_partial_pivoting_matches_scipy(n):
    linalg = require("scipy.linalg", "the factorizations are compared with SciPy")
    A = rng.normal(size=(n, n))
    P, L, U = reference("lu_partial_pivoting")(A)
    p, l, u = linalg.lu(A)  # SciPy's convention: A = p l u
    np.testing.assert_allclose(P, p.T)
    np.testing.assert_allclose(L, l, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(U, u, rtol=1e-12, atol=1e-14)


def test_cholesky_logdet_matches_scipy():
    linalg = require("scipy.linalg", "the factorizations are compared with SciPy")
    X = rng.normal(size=(5, 8))
    A = X @ X.T / 8 + 0.1 * np.eye(5)
    L, logdet = reference("cholesky_logdet")(A)
    np.testing.assert_allclose(L, linalg.cholesky(A, lower=True), rtol=1e-12, atol=1e-14)
    sign, expected = np.linalg.slogdet(A)
    assert sign == 1
    np.testing.assert_allclose(logdet, expected, rtol=1e-12)


@pytest.mark.parametrize("n_iter", [1, 3, 6])
def test_conjugate_gradient_matches_scipy(n_iter):
    sparse_linalg = require("scipy.sparse.linalg", "conjugate gradient is compared with SciPy")
    Q, _ = np.linalg.qr(rng.normal(size=(6, 6)))
    A = Q @ np.diag(np.geomspace(1.0, 50.0, 6)) @ Q.T
    b, x0 = rng.normal(size=6), rng.normal(size=6)
    expected, _info = sparse_linalg.cg(A, b, x0=x0, rtol=0.0, atol=0.0, maxiter=n_iter)
    np.testing.assert_allclose(reference("conjugate_gradient")(A, b, x0, n_iter), expected, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("shape, rank", [((5, 3), 3), ((3, 6), 3), ((6, 4), 2)])
def test_pseudoinverse_matches_scipy_and_numpy(shape, rank):
    linalg = require("scipy.linalg", "the pseudoinverse is compared with SciPy")
    A = rng.normal(size=(shape[0], rank)) @ rng.normal(size=(rank, shape[1]))
    ours = reference("pseudoinverse_svd")(A, rcond=1e-10)
    np.testing.assert_allclose(ours, linalg.pinv(A, atol=0.0, rtol=1e-10), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(ours, np.linalg.pinv(A, rcond=1e-10), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("p", [-1.0, -0.5, -0.25, 0.5, 2.0])
def test_symmetric_matrix_power_matches_scipy(p):
    linalg = require("scipy.linalg", "matrix functions are compared with SciPy")
    X = rng.normal(size=(4, 7))
    A = X @ X.T / 7 + 0.2 * np.eye(4)
    ours = reference("symmetric_matrix_power")(A, p)
    np.testing.assert_allclose(ours, np.real(linalg.fractional_matrix_power(A, p)), rtol=1e-9, atol=1e-12)
    if p == 0.5:
        np.testing.assert_allclose(ours, linalg.sqrtm(A), rtol=1e-9, atol=1e-12)


def test_equality_constrained_qp_matches_slsqp_and_its_multipliers():
    optimize = require("scipy.optimize", "the KKT solution is compared with SciPy's SLSQP")
    n, m = 5, 2
    a = rng.normal(size=(n, n))
    Q, c = a @ a.T + np.eye(n), rng.normal(size=n)
    A, b = rng.normal(size=(m, n)), rng.normal(size=m)
    x, lam = reference("equality_constrained_qp")(Q, c, A, b)
    res = optimize.minimize(lambda z: 0.5 * z @ Q @ z + c @ z, np.zeros(n), jac=lambda z: Q @ z + c, method="SLSQP",
                            constraints=[{"type": "eq", "fun": lambda z: A @ z - b, "jac": lambda z: A}],
                            options={"ftol": 1e-14, "maxiter": 500})
    np.testing.assert_allclose(x, res.x, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(lam, res.multipliers, rtol=1e-5, atol=1e-7)  # SciPy's convention: grad f = A^T lam


def test_lasso_sweeps_converge_to_scipys_lasso_minimum():
    optimize = require("scipy.optimize", "the lasso's minimum is compared with SciPy's L-BFGS-B")
    n, p, lam = 40, 6, 0.15
    X = rng.normal(size=(n, p)) * rng.uniform(0.5, 2.0, size=p)
    y = X @ np.array([1.5, 0, -2.0, 0, 0, 0.5]) + 0.3 * rng.normal(size=n)
    w = np.zeros(p)
    for _ in range(300):
        w = reference("lasso_cd_sweep")(X, y, w, lam)

    def objective(uv):  # w = u - v with u, v >= 0: smooth, with bounds
        r = y - X @ (uv[:p] - uv[p:])
        grad_w = -X.T @ r / n
        return r @ r / (2 * n) + lam * uv.sum(), np.concatenate([grad_w + lam, -grad_w + lam])

    res = optimize.minimize(objective, np.zeros(2 * p), jac=True, method="L-BFGS-B", bounds=[(0, None)] * (2 * p),
                            options={"ftol": 1e-15, "gtol": 1e-12, "maxiter": 10000})
    np.testing.assert_allclose(w, res.x[:p] - res.x[p:], atol=1e-5)
    assert np.sum(w == 0) >= 1  # the lasso's exact zeros


@pytest.mark.parametrize("shape", [(2, 2), (3, 5)])
def test_chi_squared_independence_matches_chi2_contingency(shape):
    observed = rng.integers(1, 40, size=shape)
    x2, p = reference("chi_squared_independence")(observed)
    res = stats.chi2_contingency(observed, correction=False)
    np.testing.assert_allclose([x2, p], [res.statistic, res.pvalue], rtol=1e-10)


def test_benjamini_hochberg_matches_false_discovery_control():
    p = np.concatenate([rng.uniform(0, 0.01, size=5), rng.uniform(0, 1, size=25)])
    rng.shuffle(p)
    bonferroni, bh = reference("adjust_p_values")(p)
    np.testing.assert_allclose(bh, stats.false_discovery_control(p, method="bh"), rtol=1e-12)
    np.testing.assert_allclose(bonferroni, np.minimum(p * p.size, 1), rtol=1e-12)


def test_r2_of_a_least_squares_line_is_linregress_r_squared():
    x = rng.normal(size=40)
    y = 1.5 - 0.7 * x + 0.5 * rng.normal(size=40)
    fit = stats.linregress(x, y)
    r2, mae, rmse = reference("regression_metrics")(y, fit.intercept + fit.slope * x)
    np.testing.assert_allclose(r2, fit.rvalue**2, rtol=1e-12)
    resid = y - fit.intercept - fit.slope * x
    np.testing.assert_allclose([mae, rmse], [np.mean(np.abs(resid)), np.sqrt(np.mean(resid**2))], rtol=1e-12)


def test_information_gain_from_scipy_entropy():
    y = rng.integers(0, 4, size=60)
    left = rng.random(60) < 0.3

    def h(v):
        return stats.entropy(np.bincount(v, minlength=4), base=2)

    gini_gain, info_gain = reference("split_gain")(y, left)
    expected = h(y) - left.mean() * h(y[left]) - (1 - left.mean()) * h(y[~left])
    np.testing.assert_allclose(info_gain, expected, rtol=1e-12)
    assert gini_gain >= 0 and info_gain >= 0  # a split never increases the weighted impurity (concavity)


def test_gaussian_naive_bayes_from_scipy_densities():
    y = rng.choice([4, 1, 7], size=50, p=[0.5, 0.3, 0.2])
    X = rng.normal(size=(50, 3)) + y[:, None] * 0.5
    X_test = rng.normal(size=(8, 3)) * 3
    classes = np.unique(y)
    joint = np.stack([np.log(np.mean(y == c)) + stats.norm.logpdf(X_test, X[y == c].mean(0), X[y == c].std(0)).sum(1)
                      for c in classes], axis=1)
    expected = joint - special.logsumexp(joint, axis=1, keepdims=True)
    np.testing.assert_allclose(reference("gaussian_naive_bayes")(X, y, X_test), expected, rtol=1e-10, atol=1e-12)


def test_cohens_d_is_the_pooled_t_statistic_rescaled():
    a, b = rng.normal(0.4, 1.0, size=9), rng.normal(0.0, 2.0, size=25)
    t_pooled = stats.ttest_ind(a, b, equal_var=True).statistic
    np.testing.assert_allclose(reference("cohens_d")(a, b), t_pooled * np.sqrt(1 / 9 + 1 / 25), rtol=1e-12)


@pytest.mark.parametrize("d, n", [(0.0, 6), (0.8, 10), (0.5, 25)])
def test_t_test_power_matches_simulated_t_tests(d, n):
    sim = np.random.default_rng(7)
    a = sim.normal(d, 1.0, size=(40000, n))
    b = sim.normal(0.0, 1.0, size=(40000, n))
    rejected = np.mean(stats.ttest_ind(a, b, axis=1).pvalue < 0.05)
    assert abs(rejected - reference("t_test_power")(d, n)) < 0.01  # about 5 standard errors of the simulation


def test_poisson_gamma_exponential_chi2_log_densities():
    k, lam = rng.integers(0, 300, size=40), rng.uniform(0.1, 250, size=40)
    np.testing.assert_allclose(reference("poisson_log_pmf")(k, lam), stats.poisson.logpmf(k, lam), rtol=1e-10)
    x, a, b = rng.gamma(2.0, 2.0, size=40), rng.uniform(0.2, 400, size=40), rng.uniform(0.1, 5, size=40)
    gamma_log_pdf = reference("gamma_log_pdf")
    np.testing.assert_allclose(gamma_log_pdf(x, a, b), stats.gamma.logpdf(x, a, scale=1 / b), rtol=1e-10)
    np.testing.assert_allclose(gamma_log_pdf(x, 1.0, b), stats.expon.logpdf(x, scale=1 / b), rtol=1e-12)
    for dof in (1, 2, 5, 30):
        np.testing.assert_allclose(gamma_log_pdf(x, dof / 2, 0.5), stats.chi2.logpdf(x, dof), rtol=1e-10)


def test_dirichlet_and_beta_log_densities():
    dirichlet_log_pdf = reference("dirichlet_log_pdf")
    for K in (2, 3, 7):
        alpha = rng.uniform(0.2, 20, size=K)
        x = rng.dirichlet(alpha, size=6)
        np.testing.assert_allclose(dirichlet_log_pdf(x, alpha), [stats.dirichlet.logpdf(xi, alpha) for xi in x],
                                   rtol=1e-10)
    a, b, t = rng.uniform(0.2, 9, size=10), rng.uniform(0.2, 9, size=10), rng.uniform(0.01, 0.99, size=10)
    np.testing.assert_allclose(dirichlet_log_pdf(np.stack([t, 1 - t], axis=-1), np.stack([a, b], axis=-1)),
                               stats.beta.logpdf(t, a, b), rtol=1e-10)


def test_beta_binomial_posterior_is_bayes_rule():
    optimize = require("scipy.optimize", "the MAP estimate is checked by maximizing the posterior density")
    alpha, beta, n = 2.5, 1.5, 20
    theta = rng.uniform(0.01, 0.99, size=8)
    for k in (0, 6, 20):
        a_post, b_post, mean, mode = reference("beta_binomial_posterior")(alpha, beta, k, n)
        # log posterior - (log likelihood + log prior) is the same constant -log p(k) for every theta
        diff = stats.beta.logpdf(theta, a_post, b_post) - (stats.binom.logpmf(k, n, theta)
                                                          + stats.beta.logpdf(theta, alpha, beta))
        np.testing.assert_allclose(diff, diff[0], rtol=1e-10)
        np.testing.assert_allclose(mean, stats.beta.mean(a_post, b_post), rtol=1e-12)
        found = optimize.minimize_scalar(lambda t: -stats.beta.logpdf(t, a_post, b_post),
                                         bounds=(1e-9, 1 - 1e-9), method="bounded", options={"xatol": 1e-10})
        np.testing.assert_allclose(mode, found.x, atol=1e-6)


@pytest.mark.parametrize("d, n_a", [(2, 1), (5, 2), (6, 5)])
def test_gaussian_conditional_density_is_joint_over_marginal(d, n_a):
    A = rng.normal(size=(d, d))
    mu, Sigma = rng.normal(size=d), A @ A.T + 0.3 * np.eye(d)
    x = rng.normal(size=d)
    mean, cov = reference("gaussian_conditional")(mu, Sigma, x[n_a:], n_a)
    # p(x_a | x_b) = p(x_a, x_b) / p(x_b), at several x_a for the same observed x_b
    for x_a in rng.normal(size=(4, n_a)):
        joint = stats.multivariate_normal(mu, Sigma).logpdf(np.concatenate([x_a, x[n_a:]]))
        marginal = stats.multivariate_normal(mu[n_a:], Sigma[n_a:, n_a:]).logpdf(x[n_a:])
        np.testing.assert_allclose(stats.multivariate_normal(mean, cov).logpdf(x_a), joint - marginal, rtol=1e-9)


@pytest.mark.parametrize("n, d", [(15, 3), (3, 5)])
def test_bayesian_linear_regression_posterior(n, d):
    linalg = require("scipy.linalg", "the posterior mean is compared with ridge regression solved by lstsq")
    X, y = rng.normal(size=(n, d)), rng.normal(size=n)
    alpha, beta = 0.7, 3.0
    m, S = reference("bayesian_linear_regression")(X, y, alpha, beta)
    # log posterior - (log likelihood + log prior) is the same constant at every w
    w = rng.normal(size=(5, d))
    post = stats.multivariate_normal(m, S).logpdf(w)
    joint = (stats.norm.logpdf(y, w @ X.T, 1 / np.sqrt(beta)).sum(axis=-1)
             + stats.multivariate_normal(np.zeros(d), np.eye(d) / alpha).logpdf(w))
    np.testing.assert_allclose(post - joint, (post - joint)[0], rtol=1e-9)
    # the posterior mean is ridge regression with lambda = alpha / beta: least squares on [X; sqrt(lambda) I]
    lam = alpha / beta
    ridge = linalg.lstsq(np.vstack([X, np.sqrt(lam) * np.eye(d)]), np.concatenate([y, np.zeros(d)]))[0]
    np.testing.assert_allclose(m, ridge, rtol=1e-9)


def test_gmm_em_step_matches_scipy_densities_and_weighted_moments():
    X = np.vstack([rng.normal(size=(10, 3)) - 2, rng.normal(size=(14, 3)) + 2])
    weights, means = np.array([0.2, 0.5, 0.3]), rng.normal(size=(3, 3))
    covs = np.stack([np.eye(3) * s for s in (0.5, 1.0, 2.0)])
    new_w, new_m, new_c = reference("gmm_em_step")(X, weights, means, covs)
    log_joint = np.stack([np.log(w) + stats.multivariate_normal(m, c).logpdf(X)
                          for w, m, c in zip(weights, means, covs)], axis=1)
    r = np.exp(log_joint - special.logsumexp(log_joint, axis=1, keepdims=True))
    np.testing.assert_allclose(new_w, r.mean(axis=0), rtol=1e-10)
    for k in range(3):
        np.testing.assert_allclose(new_m[k], np.average(X, axis=0, weights=r[:, k]), rtol=1e-10)
        np.testing.assert_allclose(new_c[k], np.cov(X.T, aweights=r[:, k], bias=True), rtol=1e-9)


def test_importance_sampling_estimates_the_target_expectation():
    x = rng.normal(0.0, 2.0, size=200_000)
    f, log_p, log_q = x**2, stats.norm.logpdf(x, 1.0, 1.0), stats.norm.logpdf(x, 0.0, 2.0)
    plain, self_normalized = reference("importance_sampling")(f, log_p, log_q)
    # E[x^2] under N(1, 1) is 1 + 1 = 2; both estimates converge to it (law of large numbers)
    assert abs(plain - 2.0) < 0.05 and abs(self_normalized - 2.0) < 0.05
    # the same sums through scipy's logsumexp with weights b = f
    log_w = log_p - log_q
    np.testing.assert_allclose(plain, np.exp(special.logsumexp(log_w, b=f) - np.log(len(x))), rtol=1e-10)
    np.testing.assert_allclose(self_normalized, np.exp(special.logsumexp(log_w, b=f) - special.logsumexp(log_w)),
                               rtol=1e-10)
    # self-normalization makes the estimate blind to p's normalizing constant
    _, shifted = reference("importance_sampling")(f, log_p + 3.0, log_q)
    np.testing.assert_allclose(shifted, self_normalized, rtol=1e-12)


def test_metropolis_hastings_kernel_leaves_the_target_stationary():
    linalg = require("scipy.linalg", "the stationary distribution of the kernel is its left null space")
    states = np.arange(6)
    target = stats.binom.pmf(states, 5, 0.3)
    Q = rng.dirichlet(np.ones(6), size=6)  # an asymmetric proposal: Q[i, j] = q(j | i)
    log_p = np.log(7.0 * target)  # unnormalized: the constant must cancel
    alpha = reference("metropolis_hastings_acceptance")(log_p[:, None], log_p[None, :], np.log(Q), np.log(Q.T))
    T = Q * alpha
    np.fill_diagonal(T, 0.0)
    T[states, states] = 1.0 - T.sum(axis=1)
    flow = target[:, None] * T
    np.testing.assert_allclose(flow, flow.T, atol=1e-15)  # detailed balance
    pi = linalg.null_space((T - np.eye(6)).T)[:, 0]
    np.testing.assert_allclose(pi / pi.sum(), target, rtol=1e-10)


@pytest.mark.parametrize("d", [1, 3, 50])
def test_mvn_log_pdf(d):
    A = rng.normal(size=(d, d))
    mu, Sigma = rng.normal(size=d), A @ A.T / d + 0.2 * np.eye(d)
    x = rng.normal(size=(2, 4, d))
    np.testing.assert_allclose(reference("mvn_log_pdf")(x, mu, Sigma), stats.multivariate_normal(mu, Sigma).logpdf(x),
                               rtol=1e-10)


def test_gibbs_sweep_leaves_the_gaussian_stationary():
    mu, Sigma = np.array([1.0, -2.0]), np.array([[2.0, -1.2], [-1.2, 1.5]])
    x = stats.multivariate_normal(mu, Sigma).rvs(size=400_000, random_state=rng)
    new = reference("gibbs_sweep_gaussian")(x, mu, Sigma, rng.normal(size=x.shape))
    # exact draws from the target stay exact draws after a sweep; the sweep is not the identity
    np.testing.assert_allclose(new.mean(axis=0), mu, atol=0.02)
    np.testing.assert_allclose(np.cov(new.T), Sigma, atol=0.03)
    assert abs(np.corrcoef(x[:, 0], new[:, 0])[0, 1]) < 0.9


@pytest.mark.parametrize("shape", [(2, 2), (3, 5), (6, 4)])
def test_mutual_information_is_entropies_and_kl(shape):
    p = rng.dirichlet(np.ones(shape[0] * shape[1]) * 0.5).reshape(shape)
    ours = reference("mutual_information")(p)
    px, py = p.sum(axis=1), p.sum(axis=0)
    np.testing.assert_allclose(ours, stats.entropy(px) + stats.entropy(py) - stats.entropy(p.ravel()), rtol=1e-10)
    np.testing.assert_allclose(ours, special.rel_entr(p, np.outer(px, py)).sum(), rtol=1e-10)
    np.testing.assert_allclose(reference("mutual_information")(np.outer(px, py)), 0.0, atol=1e-14)


def test_bayesian_predictive_matches_sampling_weights_and_noise():
    X, y = rng.normal(size=(8, 3)), rng.normal(size=8)
    m, S = reference("bayesian_linear_regression")(X, y, 0.5, 2.0)
    X_new = rng.normal(size=(4, 3))
    mean, var = reference("bayesian_predictive")(X_new, m, S, 2.0)
    w = stats.multivariate_normal(m, S).rvs(size=400_000, random_state=rng)
    y_new = w @ X_new.T + rng.normal(size=(400_000, 4)) / np.sqrt(2.0)
    np.testing.assert_allclose(y_new.mean(axis=0), mean, atol=0.01)
    np.testing.assert_allclose(y_new.var(axis=0), var, rtol=0.02)


def test_rejection_sampling_draws_the_target():
    n = 200_000
    x, u = rng.uniform(size=n), rng.uniform(size=n)
    log_p_tilde = np.log(x) + 4 * np.log1p(-x)  # Beta(2, 5) without its constant Z = B(2, 5) = 1/30
    log_M = np.log(0.2 * 0.8**4)  # the maximum of x (1 - x)^4, at x = 1/5
    a, accepted = reference("rejection_sampling")(x, u, log_p_tilde, np.zeros(n), log_M)
    assert abs(len(accepted) / n - (1 / 30) / 0.2 / 0.8**4) < 0.006  # acceptance rate Z / M, 5 standard errors
    assert stats.kstest(accepted, stats.beta(2, 5).cdf).statistic < 0.01


def test_the_multiple_comparison_and_effect_size_drills_agree_with_scipy():
    from byhand.content.loader import load_item
    from byhand.grading.drills import variant

    bh, bonf, d = (load_item(i) for i in ("benjamini-hochberg-discoveries", "bonferroni-survivors",
                                          "cohens-d-from-summary"))
    for seed in range(50):
        v = variant(bh, seed)
        ps = np.array([v.params[f"p{i + 1}"] for i in range(v.params["m"])])
        assert v.worked["answer"] == int((stats.false_discovery_control(ps) <= v.params["q"]).sum()), seed
        v = variant(bonf, seed)
        assert v.worked["answer"] == int((np.minimum(1, np.array(v.params["ps"]) * v.params["m"])
                                          <= v.params["alpha"]).sum()), seed
        v, p = variant(d, seed), variant(d, seed).params
        t = stats.ttest_ind_from_stats(p["mb"], p["sb"], p["nb"], p["ma"], p["sa"], p["na"]).statistic
        np.testing.assert_allclose(v.worked["answer"], t * np.sqrt(1 / p["na"] + 1 / p["nb"]), rtol=1e-9)


def test_the_seed_comparison_drills_agree_with_scipy_t_tests():
    from byhand.content.loader import load_item
    from byhand.grading.drills import variant

    unpaired, paired = load_item("gap-within-seed-noise"), load_item("paired-seeds-comparison")
    for seed in range(50):
        for drill, test, crit in ((unpaired, stats.ttest_ind, 2.306), (paired, stats.ttest_rel, 2.776)):
            v = variant(drill, seed)
            a = [v.params[f"a{i}"] for i in range(1, 6)]
            b = [v.params[f"b{i}"] for i in range(1, 6)]
            res = test(b, a)
            np.testing.assert_allclose(v.worked["t"], res.statistic, rtol=1e-6)
            assert abs(stats.t.ppf(0.975, 8 if drill is unpaired else 4) - crit) < 5e-4
            assert (v.expected == "a") == (res.pvalue < 0.05 and res.statistic > 0), (drill.id, seed)


def _random_digraph(n, p, weighted=False):
    mask = rng.random((n, n)) < p
    np.fill_diagonal(mask, False)
    return np.where(mask, rng.uniform(0.5, 4.0, size=(n, n)) if weighted else 1.0, 0.0)


@pytest.mark.parametrize("n", [1, 6, 25])
def test_bfs_and_dijkstra_match_csgraph_shortest_path(n):
    csgraph = require("scipy.sparse.csgraph", "the graph references are compared with SciPy")
    adj = _random_digraph(n, 0.15)
    W = _random_digraph(n, 0.2, weighted=True)
    for s in range(n):
        hops = csgraph.shortest_path(adj, method="D", directed=True, unweighted=True, indices=s)
        np.testing.assert_array_equal(reference("bfs_distances")(adj, s), np.where(np.isinf(hops), -1, hops))
        order = csgraph.breadth_first_order(adj, s, directed=True, return_predecessors=False)
        np.testing.assert_array_equal(np.sort(order), np.flatnonzero(reference("bfs_distances")(adj, s) >= 0))
        np.testing.assert_allclose(reference("dijkstra")(W, s),
                                   csgraph.dijkstra(W, directed=True, indices=s), rtol=1e-12)


@pytest.mark.parametrize("n", [1, 8, 40])
def test_connected_components_match_csgraph(n):
    csgraph = require("scipy.sparse.csgraph", "the graph references are compared with SciPy")
    upper = np.triu(rng.random((n, n)) < 2.0 / n, 1)
    adj = (upper | upper.T).astype(np.int64)
    count, labels = reference("connected_components")(adj)
    sp_count, sp_labels = csgraph.connected_components(adj, directed=False)
    assert count == sp_count
    # the same partition: each of our labels maps to exactly one of SciPy's and back
    pairs = set(zip(labels.tolist(), sp_labels.tolist()))
    assert len(pairs) == count == len({a for a, _ in pairs}) == len({b for _, b in pairs})


@pytest.mark.parametrize("n", [1, 7, 20])
def test_graph_laplacian_and_fiedler_match_csgraph(n):
    csgraph = require("scipy.sparse.csgraph", "the graph references are compared with SciPy")
    linalg = require("scipy.linalg", "the eigenvectors are compared with SciPy")
    upper = np.triu((rng.random((n, n)) < 0.4) * rng.uniform(0.2, 3.0, size=(n, n)), 1)
    A = upper + upper.T
    if n > 2:
        A[:, -1] = A[-1, :] = 0.0  # an isolated node
    for normed in (False, True):
        np.testing.assert_allclose(reference("graph_laplacian")(A, normalized=normed),
                                   csgraph.laplacian(A, normed=normed), rtol=1e-12, atol=1e-14)
    if n > 2:
        path = np.arange(n - 1)
        A[path[:-1], path[1:]] += 1.0  # connect the others through a path, and the loner to node 0
        A[path[1:], path[:-1]] += 1.0
        A[0, -1] = A[-1, 0] = 1.0
        lam2, v = reference("fiedler_vector")(A)
        w, V = linalg.eigh(csgraph.laplacian(A), subset_by_index=[1, 1])
        np.testing.assert_allclose(lam2, w[0], rtol=1e-10)
        np.testing.assert_allclose(abs(v @ V[:, 0]), 1.0, rtol=1e-8)


@pytest.mark.parametrize("damping", [0.5, 0.85])
def test_pagerank_is_the_stationary_vector_of_the_google_matrix(damping):
    linalg = require("scipy.linalg", "PageRank is compared with SciPy's eigenvectors")
    n = 12
    A = _random_digraph(n, 0.2, weighted=True)
    A[3] = 0.0  # a dangling node
    out = A.sum(axis=1, keepdims=True)
    P = np.where(out > 0, A / np.where(out > 0, out, 1.0), 1.0 / n)  # dangling rows jump uniformly
    G = damping * P + (1 - damping) / n
    w, V = linalg.eig(G.T)
    v = np.real(V[:, np.argmax(np.real(w))])
    np.testing.assert_allclose(reference("pagerank")(A, damping=damping), v / v.sum(), rtol=1e-8)


def test_label_propagation_converges_to_the_harmonic_solution():
    csgraph = require("scipy.sparse.csgraph", "label propagation is compared with SciPy's Laplacian")
    linalg = require("scipy.linalg", "the harmonic solution is solved with SciPy")
    n = 15
    upper = np.triu((rng.random((n, n)) < 0.3) * rng.uniform(0.5, 2.0, size=(n, n)), 1)
    upper[np.arange(n - 1), np.arange(1, n)] += 1.0  # a path keeps it connected
    W = upper + upper.T
    labeled = np.zeros(n, dtype=bool)
    labeled[[0, 5, 11]] = True
    Y = np.zeros((n, 2))
    Y[[0, 5], 0] = Y[11, 1] = 1.0
    F = reference("label_propagation")(W, Y, labeled, n_iter=5000)
    L = csgraph.laplacian(W)
    U = ~labeled
    F_U = linalg.solve(L[np.ix_(U, U)], W[np.ix_(U, labeled)] @ Y[labeled], assume_a="pos")
    np.testing.assert_allclose(F[U], F_U, rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(F[labeled], Y[labeled])
