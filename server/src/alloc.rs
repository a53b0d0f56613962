//! The allocator for tree-sitter's C core. The `nianbao` binary and the benches make mimalloc
//! Rust's global allocator; this hands the same allocator to tree-sitter, whose parse allocates a
//! node per token and per rule (glibc's malloc and free stood high in `perf record` of a batch
//! check; see docs/performance.md).

use std::ffi::c_void;

// The four functions tree-sitter is given (public for the benches, which count through them).
// Each has the contract of the C function of its name.

/// # Safety
/// As C's `malloc`.
pub unsafe extern "C" fn malloc(size: usize) -> *mut c_void {
    unsafe { libmimalloc_sys::mi_malloc(size) }
}

/// # Safety
/// As C's `calloc`.
pub unsafe extern "C" fn calloc(count: usize, size: usize) -> *mut c_void {
    unsafe { libmimalloc_sys::mi_calloc(count, size) }
}

/// # Safety
/// As C's `realloc`: `ptr` is null or from these functions, and not used after.
pub unsafe extern "C" fn realloc(ptr: *mut c_void, size: usize) -> *mut c_void {
    unsafe { libmimalloc_sys::mi_realloc(ptr, size) }
}

/// # Safety
/// As C's `free`: `ptr` is null or from these functions, and freed once.
pub unsafe extern "C" fn free(ptr: *mut c_void) {
    unsafe { libmimalloc_sys::mi_free(ptr) }
}

/// Makes tree-sitter allocate with mimalloc.
///
/// # Safety
/// Call it first thing in `main`, before any thread starts and before any tree-sitter object
/// exists (tree-sitter would free an object with an allocator other than the one that made it).
pub unsafe fn use_mimalloc_for_tree_sitter() {
    unsafe { tree_sitter::set_allocator(Some(tree_sitter::Allocator { malloc, calloc, realloc, free })) }
}
