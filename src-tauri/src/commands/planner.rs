//! IPC for the countdown planner.
