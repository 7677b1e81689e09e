//! End-to-end tests of the real app window. Run through `make test` (starts Xvfb, builds the app).

mod daily_use;
mod hub;
mod injection;
mod logistics;
mod own_material;
mod packs;
mod planner;
mod practice;
mod progress;
mod screens;
mod shell;
