//! How little can any path cost, counting the prerequisites its bites need?
//!
//! A Lagrangian bound on the linear relaxation of the whole covering
//! problem: bites `x_b ∈ [0, 1]` (the `all_of` modules fixed at 1), every
//! gap item covered (`Σ_{b meets t} x_b ≥ 1`), every prerequisite `p` of a
//! bite met by another bite (`x_b ≤ Σ_{q meets p, q ≠ b} x_q`), every
//! `n_of` rule and the ECTS minimum, and the *chain covers* below. All
//! these constraints are moved into the objective with multipliers `μ ≥ 0`
//! (items), `λ ≥ 0` (prerequisites), `ν ≥ 0` (rules), `κ ≥ 0` (credits)
//! and `ρ ≥ 0` (covers); what is left, a sum of one-bite
//! terms over the box, is minimised exactly. For *any* multipliers the
//! result is a lower bound on every path (a path meets the constraints, so
//! the added terms are ≤ 0 on it), which keeps the bound honest whatever the
//! optimiser below does; the subgradient method (Polyak steps towards the
//! best path known) only makes it tight, up to the relaxation's own value.
//!
//! Chain covers are valid inequalities the linear relaxation misses: a path
//! meeting item `t` holds a provider of `t` (the set `C₁`); when every bite
//! of `C_d` has a prerequisite, it also holds a provider, other than that
//! bite, of one of them: a bite of `C_{d+1}`, the union of those providers.
//! So `Σ_{b ∈ C_d} x_b ≥ 1` for each level `d ≥ 2` reached that way. The
//! relaxation alone can take half of two providers of `t` and half of one
//! bite serving both their prerequisites; the cover of that level asks for
//! a whole one.
//!
//! What a bite adds to the bound when it is taken is its *reduced cost*
//! (its coefficient, when positive): a set of bites `C` in a state bounds
//! every completion by `bound + Σ_{b ∈ C} max(reduced cost, 0)`, and a bite
//! whose reduced cost alone lifts the bound past the best path known cannot
//! be in a better one (reduced-cost fixing).
//!
//! The calendar (sessions, dates) and the budget are left out of the
//! relaxation: they only take paths away, so the bound stays a bound.
//!
//! It must never do IO; it reads no clock (the caller gives the iterations).

use super::prepare::Instance;

pub(crate) mod branch;

/// What a branch of `branch::Tree` fixes a bite to; `forced` bites are
/// always `In`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fix {
    Free,
    In,
    Out,
}

/// Multipliers and what they give.
#[derive(Clone, Debug)]
pub(crate) struct Lagrangian {
    /// The best lower bound found (on the whole path's value, forced bites
    /// included).
    pub bound: f64,
    /// Per bite, its coefficient at the best multipliers: what taking it
    /// adds to `bound` when positive.
    pub reduced: Vec<f64>,
    /// The best multipliers (items, prerequisites, rules, credits, covers),
    /// to start from next time.
    multipliers: Multipliers,
    /// The chain covers the multipliers `ρ` belong to: none until
    /// `with_covers`.
    covers: Vec<Vec<u32>>,
    /// Per bite, the share of the last rounds' minimisers that took it:
    /// an estimate of the relaxation's fractional solution, which
    /// `branch` branches on. Empty until optimised.
    pub usage: Vec<f64>,
}

#[derive(Clone, Debug, Default)]
struct Multipliers {
    mu: Vec<f64>,
    lambda: Vec<f64>,
    nu: Vec<f64>,
    kappa: f64,
    rho: Vec<f64>,
    /// The step's scale when these multipliers were left.
    step_scale: f64,
}

/// The constraint structure, flattened once.
struct Rows<'a> {
    instance: &'a Instance,
    /// Prerequisite rows: (bite, condition) for each prerequisite of each
    /// bite that some other bite meets.
    prereq_rows: Vec<(u32, u32)>,
    /// Chain covers (see the module docs): sets of bites of which every
    /// path holds at least one.
    covers: Vec<Vec<u32>>,
}

/// Levels of chain covers per item, at most.
const COVER_LEVELS: usize = 8;

impl<'a> Rows<'a> {
    fn new(instance: &'a Instance, covers: Vec<Vec<u32>>) -> Self {
        let mut prereq_rows = Vec::new();
        for b in 0..instance.len() {
            for &p in &instance.prereqs[b] {
                prereq_rows.push((b as u32, p));
            }
        }
        Self {
            instance,
            prereq_rows,
            covers,
        }
    }
}

/// The chain covers of every gap item, levels 2 and deeper (see the module
/// docs), each at most once.
pub(crate) fn chain_covers(instance: &Instance) -> Vec<Vec<u32>> {
    let mut covers: Vec<Vec<u32>> = Vec::new();
    let mut mark = vec![false; instance.len()];
    for &t in &instance.targets {
        let mut level: Vec<u32> = instance.providers[t as usize].to_vec();
        for _ in 1..COVER_LEVELS {
            // Only when every bite of this level needs something does a
            // path through any of them hold a bite of the next.
            if level.is_empty()
                || level
                    .iter()
                    .any(|&b| instance.prereqs[b as usize].is_empty())
            {
                break;
            }
            let mut next: Vec<u32> = Vec::new();
            for &b in &level {
                for &p in &instance.prereqs[b as usize] {
                    for &q in &instance.providers[p as usize] {
                        if q != b && !mark[q as usize] {
                            mark[q as usize] = true;
                            next.push(q);
                        }
                    }
                }
            }
            for &q in &next {
                mark[q as usize] = false;
            }
            next.sort_unstable();
            if next.is_empty() || next == level {
                break;
            }
            if !covers.contains(&next) {
                covers.push(next.clone());
            }
            level = next;
        }
    }
    covers
}

/// Evaluates the Lagrangian at the multipliers: the bound, the reduced
/// costs and the minimiser `x` over the box less the fixings (1 where the
/// coefficient is negative or the bite is fixed in, 0 where it is fixed
/// out).
fn evaluate(
    rows: &Rows,
    weights: &[f64],
    fixed: &[Fix],
    multipliers: &Multipliers,
    reduced: &mut [f64],
    x: &mut [bool],
) -> f64 {
    let instance = rows.instance;
    let Multipliers {
        mu,
        lambda,
        nu,
        kappa,
        rho,
        ..
    } = multipliers;
    let kappa = *kappa;
    reduced.copy_from_slice(weights);
    let mut constant = 0.0;
    for (i, &t) in instance.targets.iter().enumerate() {
        constant += mu[i];
        for &b in &instance.providers[t as usize] {
            reduced[b as usize] -= mu[i];
        }
    }
    for (r, (need, of)) in instance.n_of.iter().enumerate() {
        constant += nu[r] * f64::from(*need);
        for &b in of {
            reduced[b as usize] -= nu[r];
        }
    }
    for (r, cover) in rows.covers.iter().enumerate() {
        if rho[r] == 0.0 {
            continue;
        }
        constant += rho[r];
        for &b in cover {
            reduced[b as usize] -= rho[r];
        }
    }
    if kappa > 0.0 {
        constant += kappa * instance.min_ects;
        for (b, ects) in instance.ects.iter().enumerate() {
            reduced[b] -= kappa * ects;
        }
    }
    for (row, &(b, p)) in rows.prereq_rows.iter().enumerate() {
        let l = lambda[row];
        if l == 0.0 {
            continue;
        }
        reduced[b as usize] += l;
        for &q in &instance.providers[p as usize] {
            if q != b {
                reduced[q as usize] -= l;
            }
        }
    }
    let mut value = constant;
    for ((take, &r), &fix) in x.iter_mut().zip(reduced.iter()).zip(fixed) {
        *take = match fix {
            Fix::In => true,
            Fix::Out => false,
            Fix::Free => r < 0.0,
        };
        if *take {
            value += r;
        }
    }
    value
}

impl Lagrangian {
    /// The bound with all multipliers 0: the forced bites' weight. Valid,
    /// and what a search gets when no iterations are asked for.
    pub fn trivial(instance: &Instance, weights: &[f64]) -> Self {
        let mut bound = 0.0;
        for &b in &instance.forced {
            bound += weights[b as usize];
        }
        Self {
            bound,
            reduced: weights.to_vec(),
            multipliers: Multipliers::default(),
            covers: Vec::new(),
            usage: Vec::new(),
        }
    }

    /// The fixings of the whole problem: the forced bites in, the rest free.
    pub fn root_fixings(instance: &Instance) -> Vec<Fix> {
        let mut fixed = vec![Fix::Free; instance.len()];
        for &b in &instance.forced {
            fixed[b as usize] = Fix::In;
        }
        fixed
    }

    /// The same multipliers with a larger step scale: for a branch, whose
    /// fixings move the best multipliers away from the parent's.
    pub fn with_step_scale(&self, scale: f64) -> Self {
        let mut next = self.clone();
        next.multipliers.step_scale = next.multipliers.step_scale.max(scale);
        next
    }

    /// A start for `optimise` with the chain covers of `instance` in: the
    /// bound of no multipliers (see `trivial`), the first multipliers as
    /// `optimise` picks them when not warm-started. The relaxation with
    /// covers has more multipliers and converges later; it starts afresh
    /// rather than from the multipliers without covers, where its steps
    /// hardly move.
    pub fn with_covers(instance: &Instance, weights: &[f64]) -> Self {
        Self {
            covers: chain_covers(instance),
            ..Self::trivial(instance, weights)
        }
    }

    /// About how many bytes these multipliers and reduced costs take.
    pub fn footprint(&self) -> usize {
        let m = &self.multipliers;
        8 * (self.reduced.len()
            + self.usage.len()
            + m.mu.len()
            + m.lambda.len()
            + m.nu.len()
            + m.rho.len())
            + self.covers.iter().map(|c| 4 * c.len() + 24).sum::<usize>()
            + std::mem::size_of::<Self>()
    }

    /// Whether the steps have become too small to gain more.
    pub fn converged(&self) -> bool {
        self.multipliers.step_scale < 1e-4
    }

    /// Optimises the multipliers by subgradient steps for `iterations`
    /// rounds, aiming at `target` (the best path's value known, or an
    /// estimate above the bound). Returns the best multipliers' bound and
    /// reduced costs.
    /// `start`, a result of an earlier call on the same instance and
    /// weights, gives the first multipliers, and whether the chain covers
    /// are in (see `with_covers`).
    pub fn optimise(
        instance: &Instance,
        weights: &[f64],
        target: f64,
        iterations: usize,
        start: Option<&Lagrangian>,
    ) -> Self {
        let fixed = Self::root_fixings(instance);
        Self::optimise_fixed(instance, weights, target, iterations, start, &fixed)
    }

    /// As `optimise`, over the paths that hold every bite fixed `In` and
    /// none fixed `Out` (the forced bites must be `In`): a lower bound on
    /// those paths for any multipliers, as the whole one is on all.
    pub fn optimise_fixed(
        instance: &Instance,
        weights: &[f64],
        target: f64,
        iterations: usize,
        start: Option<&Lagrangian>,
        fixed: &[Fix],
    ) -> Self {
        debug_assert!(
            instance
                .forced
                .iter()
                .all(|&b| fixed[b as usize] == Fix::In)
        );
        let rows = Rows::new(instance, start.map_or_else(Vec::new, |s| s.covers.clone()));
        let n = instance.len();
        let mut mu = vec![0.0; instance.targets.len()];
        let mut lambda = vec![0.0; rows.prereq_rows.len()];
        let mut nu = vec![0.0; instance.n_of.len()];
        let mut rho = vec![0.0; rows.covers.len()];
        let mut kappa = 0.0f64;
        let mut step_scale = 1.0f64;
        // Start the items' multipliers at their cheapest provider's weight
        // shared among the items it meets: a good first guess.
        let mut item_count = vec![0u32; n];
        for &t in &instance.targets {
            for &b in &instance.providers[t as usize] {
                item_count[b as usize] += 1;
            }
        }
        for (i, &t) in instance.targets.iter().enumerate() {
            mu[i] = instance.providers[t as usize]
                .iter()
                .map(|&b| weights[b as usize] / f64::from(item_count[b as usize].max(1)))
                .fold(f64::INFINITY, f64::min);
            if !mu[i].is_finite() {
                mu[i] = 0.0;
            }
        }
        if let Some(start) = start
            && start.multipliers.mu.len() == mu.len()
            && start.multipliers.lambda.len() == lambda.len()
            && start.multipliers.nu.len() == nu.len()
            && start.multipliers.rho.len() == rho.len()
            && start.multipliers.step_scale > 0.0
        {
            mu.clone_from(&start.multipliers.mu);
            lambda.clone_from(&start.multipliers.lambda);
            nu.clone_from(&start.multipliers.nu);
            rho.clone_from(&start.multipliers.rho);
            kappa = start.multipliers.kappa;
            step_scale = start.multipliers.step_scale;
        }

        let mut reduced = vec![0.0; n];
        let mut x = vec![false; n];
        let mut best = Self::trivial(instance, weights);
        best.covers.clone_from(&rows.covers);
        let mut since_improvement = 0usize;
        let mut met = vec![0i32; instance.providers.len()];
        // The minimisers of the last rounds, averaged (see `usage`).
        let mut usage = vec![0.0; n];
        let mut usage_weight = 0.0;
        for round in 0..iterations {
            let current = Multipliers {
                mu: std::mem::take(&mut mu),
                lambda: std::mem::take(&mut lambda),
                nu: std::mem::take(&mut nu),
                kappa,
                rho: std::mem::take(&mut rho),
                step_scale,
            };
            let value = evaluate(&rows, weights, fixed, &current, &mut reduced, &mut x);
            Multipliers {
                mu,
                lambda,
                nu,
                rho,
                ..
            } = current;
            // Sums of many floating-point terms: a hair less, so rounding
            // can never lift the bound above a path.
            let value = value - 1e-9 * (1.0 + value.abs()) * (n as f64).sqrt();
            // The later half of the rounds, the later ones weighing more.
            if 2 * round >= iterations {
                let w = (round + 1) as f64;
                usage_weight += w;
                for (u, &take) in usage.iter_mut().zip(&x) {
                    if take {
                        *u += w;
                    }
                }
            }
            if value > best.bound + 1e-9 {
                best.bound = value;
                best.reduced.copy_from_slice(&reduced);
                best.multipliers = Multipliers {
                    mu: mu.clone(),
                    lambda: lambda.clone(),
                    nu: nu.clone(),
                    kappa,
                    rho: rho.clone(),
                    step_scale,
                };
                since_improvement = 0;
            } else {
                since_improvement += 1;
                if since_improvement >= 20 {
                    step_scale *= 0.5;
                    since_improvement = 0;
                }
            }
            best.multipliers.step_scale = step_scale;
            if step_scale < 1e-4 || target - value <= 1e-6 {
                break;
            }
            // Subgradients (the constraints' slack at x, sign so that a
            // violated constraint raises its multiplier).
            for c in met.iter_mut() {
                *c = 0;
            }
            for (b, _) in x.iter().enumerate().filter(|(_, take)| **take) {
                for &c in &instance.meets[b] {
                    met[c as usize] += 1;
                }
            }
            let mut norm = 0.0;
            let g_mu: Vec<f64> = instance
                .targets
                .iter()
                .enumerate()
                .map(|(i, &t)| {
                    let g = 1.0 - f64::from(met[t as usize]);
                    // A multiplier at 0 with a satisfied row does not move.
                    if mu[i] <= 0.0 && g < 0.0 { 0.0 } else { g }
                })
                .collect();
            norm += g_mu.iter().map(|g| g * g).sum::<f64>();
            let g_lambda: Vec<f64> = rows
                .prereq_rows
                .iter()
                .enumerate()
                .map(|(row, &(b, p))| {
                    let own = i32::from(
                        x[b as usize] && instance.meets[b as usize].binary_search(&p).is_ok(),
                    );
                    let g = f64::from(i32::from(x[b as usize])) - f64::from(met[p as usize] - own);
                    if lambda[row] <= 0.0 && g < 0.0 {
                        0.0
                    } else {
                        g
                    }
                })
                .collect();
            norm += g_lambda.iter().map(|g| g * g).sum::<f64>();
            let g_nu: Vec<f64> = instance
                .n_of
                .iter()
                .enumerate()
                .map(|(r, (need, of))| {
                    let have = of.iter().filter(|&&b| x[b as usize]).count() as f64;
                    let g = f64::from(*need) - have;
                    if nu[r] <= 0.0 && g < 0.0 { 0.0 } else { g }
                })
                .collect();
            norm += g_nu.iter().map(|g| g * g).sum::<f64>();
            let g_rho: Vec<f64> = rows
                .covers
                .iter()
                .enumerate()
                .map(|(r, cover)| {
                    let have = cover.iter().filter(|&&b| x[b as usize]).count() as f64;
                    let g = 1.0 - have;
                    if rho[r] <= 0.0 && g < 0.0 { 0.0 } else { g }
                })
                .collect();
            norm += g_rho.iter().map(|g| g * g).sum::<f64>();
            let g_kappa = if instance.min_ects > 0.0 {
                let have: f64 = (0..n).filter(|&b| x[b]).map(|b| instance.ects[b]).sum();
                let g = instance.min_ects - have;
                if kappa <= 0.0 && g < 0.0 { 0.0 } else { g }
            } else {
                0.0
            };
            norm += g_kappa * g_kappa;
            if norm <= 1e-12 {
                // The minimiser meets every constraint: the bound is the
                // relaxation's value.
                break;
            }
            let gap = (target - value).max(1e-3 * value.abs().max(1.0));
            let step = step_scale * gap / norm;
            for (m, g) in mu.iter_mut().zip(&g_mu) {
                *m = (*m + step * g).max(0.0);
            }
            for (l, g) in lambda.iter_mut().zip(&g_lambda) {
                *l = (*l + step * g).max(0.0);
            }
            for (v, g) in nu.iter_mut().zip(&g_nu) {
                *v = (*v + step * g).max(0.0);
            }
            kappa = (kappa + step * g_kappa).max(0.0);
            for (r, g) in rho.iter_mut().zip(&g_rho) {
                *r = (*r + step * g).max(0.0);
            }
        }
        if usage_weight > 0.0 {
            for u in &mut usage {
                *u /= usage_weight;
            }
        } else {
            // Stopped early: the last minimiser.
            for (u, &take) in usage.iter_mut().zip(&x) {
                *u = f64::from(u8::from(take));
            }
        }
        best.usage = usage;
        best
    }
}
