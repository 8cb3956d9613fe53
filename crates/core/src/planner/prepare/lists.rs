//! How are many short lists kept in one allocation, and what is asked of
//! them?
//!
//! The planner keeps per bite the conditions it meets and needs, per
//! condition the bites meeting or needing it ([`IdLists`]), and per bite the
//! sessions that fit the learner's dates ([`SessionDays`]): many short lists,
//! stored one after the other in one [`PackedLists`]. Then the operations on
//! such lists: inverting them, taking some of them, and inclusion of sorted
//! lists.

/// Lists stored one after the other (one allocation for all of them instead
/// of one per list); `lists[i]` is the `i`-th list.
#[derive(Clone, Debug, Default)]
pub(crate) struct PackedLists<T> {
    pub(super) items: Vec<T>,
    /// `ends[i]` is where list `i` ends in `items`.
    pub(super) ends: Vec<u32>,
}

/// Lists of numbers: per bite, condition numbers (the conditions it meets
/// or needs), or per condition, bite numbers (the bites meeting or needing
/// it).
pub(crate) type IdLists = PackedLists<u32>;

/// Per bite, a list of (start, end) day pairs: its sessions that fit the
/// learner's dates, in days from the base day.
pub(crate) type SessionDays = PackedLists<(i64, i64)>;

impl<T: Copy> PackedLists<T> {
    pub fn with_capacity(lists: usize, items: usize) -> Self {
        Self {
            items: Vec::with_capacity(items),
            ends: Vec::with_capacity(lists),
        }
    }

    /// Appends one item to the list being built (see [`PackedLists::close`]).
    pub fn push_item(&mut self, item: T) {
        self.items.push(item);
    }

    /// Ends the list being built.
    pub fn close(&mut self) {
        self.ends.push(self.items.len() as u32);
    }

    /// Appends a whole list.
    pub fn push(&mut self, list: &[T]) {
        self.items.extend_from_slice(list);
        self.close();
    }

    /// Number of lists.
    pub fn len(&self) -> usize {
        self.ends.len()
    }
}

impl<T> std::ops::Index<usize> for PackedLists<T> {
    type Output = [T];
    fn index(&self, i: usize) -> &[T] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.items[start..self.ends[i] as usize]
    }
}

/// Per item of `lists` (numbered below `n_items`), the lists containing
/// it, ascending.
pub(super) fn inverse(lists: &IdLists, n_items: usize) -> IdLists {
    let mut ends = vec![0u32; n_items];
    for &item in &lists.items {
        ends[item as usize] += 1;
    }
    let mut total = 0;
    for end in &mut ends {
        total += *end;
        *end = total;
    }
    let mut next: Vec<u32> = std::iter::once(0)
        .chain(ends[..n_items.saturating_sub(1)].iter().copied())
        .collect();
    let mut items = vec![0u32; total as usize];
    for list in 0..lists.len() {
        for &item in &lists[list] {
            items[next[item as usize] as usize] = list as u32;
            next[item as usize] += 1;
        }
    }
    IdLists { items, ends }
}

/// The lists of `lists` numbered in `which`, in that order.
pub(super) fn sublists(lists: &IdLists, which: &[usize]) -> IdLists {
    let mut out = IdLists::with_capacity(which.len(), which.len() * 2);
    for &i in which {
        out.push(&lists[i]);
    }
    out
}

/// Whether sorted `small` ⊆ sorted `large`.
pub(super) fn is_subset(small: &[u32], large: &[u32]) -> bool {
    let mut j = 0;
    for &x in small {
        while j < large.len() && large[j] < x {
            j += 1;
        }
        if j == large.len() || large[j] != x {
            return false;
        }
        j += 1;
    }
    true
}
