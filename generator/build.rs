//! The default theme is embedded with `include_dir!`, which cargo does not know to watch: without
//! this, editing a template, the stylesheet or the search module would leave a stale binary.
fn main() {
    println!("cargo:rerun-if-changed=../themes/default");
    println!("cargo:rerun-if-changed=data");
}
