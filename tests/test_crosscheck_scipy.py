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
