//! End-to-end tests of the real app window. Run through `make test` (starts Xvfb, builds the app).

mod packs;
mod shell;
