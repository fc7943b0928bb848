"""The reinforcement-learning and boosting references agree with independent
formulations of the same quantities: a discount-matrix product instead of a
backward loop, iterated backups instead of a linear solve, brute force
instead of a search, and the defining property instead of the closed form."""

import numpy as np
import pytest

from crosscheck import reference, require

rng = np.random.default_rng(2023)


def _discount_matrix(dones, factor):
    """M[t, k] = factor**(k - t) for k >= t within t's episode, else 0."""
    T = len(dones)
    M = np.zeros((T, T))
    for t in range(T):
        for k in range(t, T):
            M[t, k] = factor ** (k - t)
            if dones[k]:
                break
    return M


def _random_dones(T, k):
    d = np.zeros(T, dtype=bool)
    d[rng.choice(T - 1, size=k, replace=False)] = True
    return d


def _random_mdp(S, A):
    P = rng.random((S, A, S))
    P /= P.sum(axis=2, keepdims=True)
    pi = rng.random((S, A))
    return P, rng.normal(size=(S, A)), pi / pi.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("gamma", [0.0, 0.5, 0.99, 1.0])
def test_discounted_returns_are_a_discount_matrix_product(gamma):
    rewards, dones = rng.normal(size=25), _random_dones(25, 4)
    ours = reference("discounted_returns")(rewards, dones, gamma=gamma)
    np.testing.assert_allclose(ours, _discount_matrix(dones, gamma) @ rewards, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("gamma, lam", [(0.99, 0.95), (0.9, 0.0), (0.9, 1.0), (1.0, 0.5)])
def test_gae_is_a_discounted_sum_of_td_errors(gamma, lam):
    T = 30
    rewards, values, dones = rng.normal(size=T), rng.normal(size=T + 1), _random_dones(T, 3)
    ours = reference("gae_advantages")(rewards, values, dones, gamma=gamma, lam=lam)
    delta = rewards + gamma * (1 - dones) * values[1:] - values[:-1]
    np.testing.assert_allclose(ours, _discount_matrix(dones, gamma * lam) @ delta, rtol=1e-10, atol=1e-12)


def test_gae_with_lambda_one_is_the_bootstrapped_return_minus_the_value():
    T = 20
    rewards, values, dones = rng.normal(size=T), rng.normal(size=T + 1), _random_dones(T, 2)
    ours = reference("gae_advantages")(rewards, values, dones, gamma=0.9, lam=1.0)
    # the last, unfinished episode is bootstrapped with V(s_T): append it as a final reward
    returns = reference("discounted_returns")(np.append(rewards, values[-1]), np.append(dones, True), gamma=0.9)
    np.testing.assert_allclose(ours, returns[:-1] - values[:-1], rtol=1e-10, atol=1e-12)


def test_policy_evaluation_is_the_fixed_point_of_iterated_backups():
    P, R, pi = _random_mdp(5, 3)
    V = np.zeros(5)
    for _ in range(3000):  # 0.9**3000 is far below rounding
        V = np.array([sum(pi[s, a] * (R[s, a] + 0.9 * P[s, a] @ V) for a in range(3)) for s in range(5)])
    np.testing.assert_allclose(reference("policy_evaluation")(P, R, pi, 0.9), V, rtol=1e-10, atol=1e-12)


def test_bellman_expectation_backups_converge_to_the_linear_solve_and_q_averages_to_v():
    P, R, pi = _random_mdp(4, 3)
    V = rng.normal(size=4)
    for _ in range(3000):
        Q, V = reference("bellman_expectation_backup")(P, R, pi, V, 0.9)
    np.testing.assert_allclose(V, reference("policy_evaluation")(P, R, pi, 0.9), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(Q, R + 0.9 * np.einsum("sat,t->sa", P, V), rtol=1e-10, atol=1e-12)


def test_value_iteration_converges_to_the_value_of_its_greedy_policy():
    P, R, _ = _random_mdp(6, 3)
    V = np.zeros(6)
    for _ in range(3000):
        V, greedy = reference("value_iteration_step")(P, R, V, 0.9)
    deterministic = np.eye(3)[greedy]
    np.testing.assert_allclose(reference("policy_evaluation")(P, R, deterministic, 0.9), V, rtol=1e-9, atol=1e-10)


def test_q_learning_with_full_sweeps_on_a_deterministic_mdp_is_value_iteration():
    S, A, gamma = 5, 3, 0.8
    nxt, R = rng.integers(0, S, size=(S, A)), rng.normal(size=(S, A))
    P = np.zeros((S, A, S))
    P[np.arange(S)[:, None], np.arange(A)[None, :], nxt] = 1.0
    s, a = np.repeat(np.arange(S), A), np.tile(np.arange(A), S)
    Q, V = np.zeros((S, A)), np.zeros(S)
    for _ in range(200):
        # alpha = 1 on every pair in turn: both reach the fixed point Q*(s, a) = R(s, a) + gamma V*(s')
        Q = reference("q_learning_update")(Q, s, a, R[s, a], nxt[s, a], np.zeros(S * A, dtype=bool), 1.0, gamma)
        V, _ = reference("value_iteration_step")(P, R, V, gamma)
    np.testing.assert_allclose(Q.max(axis=1), V, rtol=1e-12, atol=1e-12)


def test_td0_converges_to_the_values_of_a_deterministic_chain():
    # a two-state chain 0 -> 1 -> end, rewards 1 then 2: V = (1 + gamma 2, 2)
    V = np.zeros(2)
    for _ in range(2000):
        V = reference("td0_update")(V, [0, 1], [1.0, 2.0], [1, 0], [False, True], 0.05, 0.5)
    np.testing.assert_allclose(V, [2.0, 2.0], rtol=1e-9)


def test_sarsa_with_greedy_next_actions_is_q_learning():
    S, A, n = 4, 3, 40
    Q0 = rng.normal(size=(S, A))
    s, a, r, s2 = rng.integers(0, S, n), rng.integers(0, A, n), rng.normal(size=n), rng.integers(0, S, n)
    dones = rng.random(n) < 0.2
    Q_sarsa, Q_q = Q0.copy(), Q0.copy()
    for i in range(n):  # SARSA's next action chosen greedily from the table as it is at that step
        a2 = int(np.argmax(Q_sarsa[s2[i]]))
        Q_sarsa = reference("sarsa_update")(Q_sarsa, s[i:i + 1], a[i:i + 1], r[i:i + 1], s2[i:i + 1], [a2],
                                            dones[i:i + 1], 0.3, 0.9)
        Q_q = reference("q_learning_update")(Q_q, s[i:i + 1], a[i:i + 1], r[i:i + 1], s2[i:i + 1], dones[i:i + 1],
                                             0.3, 0.9)
    np.testing.assert_allclose(Q_sarsa, Q_q, rtol=1e-12, atol=1e-12)


def test_gradient_boosting_step_is_the_best_stump_by_brute_force():
    x = rng.uniform(-2, 2, size=25)
    y = x**2 + 0.1 * rng.normal(size=25)
    F = rng.normal(size=25) * 0.1
    ours = reference("gradient_boosting_step")(x, y, F, learning_rate=0.3)
    r = y - F
    best = None
    for split in x:  # every "go left" set {x <= x_j}, except the one that sends everything left
        left = x <= split
        if left.all():
            continue
        h = np.where(left, r[left].mean(), r[~left].mean())
        if best is None or np.sum((r - h) ** 2) < np.sum((r - best) ** 2):
            best = h
    np.testing.assert_allclose(ours, F + 0.3 * best, rtol=1e-12, atol=1e-12)
    assert np.mean((y - ours) ** 2) < np.mean((y - F) ** 2)  # a step along the negative gradient lowers the loss


def test_adaboost_alpha_minimizes_the_exponential_loss_and_the_new_weights_make_h_a_coin_flip():
    optimize = require("scipy.optimize", "AdaBoost's alpha is checked against a numerical minimizer")
    w = rng.uniform(0.2, 2.0, size=40)
    y = rng.choice([-1, 1], size=40)
    h = np.where(rng.random(40) < 0.3, -y, y)
    alpha, w_new = reference("adaboost_update")(w, y, h)
    found = optimize.minimize_scalar(lambda a: np.sum(w * np.exp(-a * y * h)), bounds=(-5, 5), method="bounded",
                                     options={"xatol": 1e-10})
    assert abs(alpha - found.x) < 1e-6
    np.testing.assert_allclose(w_new.sum(), 1.0, rtol=1e-12)
    np.testing.assert_allclose(w_new[y != h].sum(), 0.5, rtol=1e-10)


def test_double_dqn_targets_with_one_network_are_the_dqn_targets_and_overestimate_less():
    q = rng.normal(size=(50, 4))
    r, d = rng.normal(size=50), rng.random(50) < 0.2
    ours = reference("double_dqn_targets")(q, q, r, d, gamma=0.9)
    np.testing.assert_allclose(ours, r + 0.9 * (1 - d) * q.max(axis=1), rtol=1e-12, atol=1e-12)
    # all true action values 0; two independent noisy estimates: max of one is biased up, double is not
    online, target = rng.normal(size=(20000, 5)), rng.normal(size=(20000, 5))
    zeros, no_end = np.zeros(20000), np.zeros(20000, dtype=bool)
    double = reference("double_dqn_targets")(online, target, zeros, no_end, gamma=1.0)
    assert abs(double.mean()) < 0.05 and target.max(axis=1).mean() > 1.0  # E[max of 5 N(0,1)] = 1.16
