// The built-in policies are embedded with include_dir!, which cargo does not track: rebuild
// whenever a file under policies/ changes, so the binary never runs stale controls.
fn main() {
    println!("cargo:rerun-if-changed=policies");
}
