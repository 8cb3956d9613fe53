//! HTTP feeds of demand signals (see the module in the next commit).
