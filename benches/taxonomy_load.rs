//! How long does loading the committed `data/taxonomy.bin` take? DESIGN asks
//! for ≤ 1 s in release; this bench keeps us honest. It only reads the
//! file in the repo, never the network.

use criterion::{Criterion, criterion_group, criterion_main};
use oppepala::taxonomy::Taxonomy;

fn load(c: &mut Criterion) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/taxonomy.bin");
    let mut group = c.benchmark_group("taxonomy");
    group.sample_size(10);
    group.bench_function("load data/taxonomy.bin", |b| {
        b.iter(|| Taxonomy::load(path).expect("taxonomy loads"))
    });
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
