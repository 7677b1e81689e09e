//! End-to-end tests of the real app window. Run through `make test` (starts Xvfb, builds the app).

mod hub;
mod packs;
mod planner;
mod practice;
mod progress;
mod screens;
mod shell;
