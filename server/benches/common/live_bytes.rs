//! The allocator the `nianbao` binary ships with (mimalloc, for Rust and for tree-sitter's C
//! core, see `nianbao::alloc`), counting the bytes in use: the exact memory of an open document,
//! where the resident-set size would also count what the allocator keeps after frees.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;
use std::sync::atomic::{AtomicIsize, Ordering::Relaxed};

static LIVE: AtomicIsize = AtomicIsize::new(0);

pub struct Counting;

// SAFETY: every call is forwarded to mimalloc unchanged; only a counter is updated besides.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Relaxed);
        unsafe { mimalloc::MiMalloc.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Relaxed);
        unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Relaxed);
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size as isize - layout.size() as isize, Relaxed);
        unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
    }
}

fn usable(ptr: *mut c_void) -> isize {
    if ptr.is_null() { 0 } else { unsafe { libmimalloc_sys::mi_usable_size(ptr) as isize } }
}

unsafe extern "C" fn ts_malloc(size: usize) -> *mut c_void {
    let ptr = unsafe { nianbao::alloc::malloc(size) };
    LIVE.fetch_add(usable(ptr), Relaxed);
    ptr
}

unsafe extern "C" fn ts_calloc(count: usize, size: usize) -> *mut c_void {
    let ptr = unsafe { nianbao::alloc::calloc(count, size) };
    LIVE.fetch_add(usable(ptr), Relaxed);
    ptr
}

unsafe extern "C" fn ts_realloc(old: *mut c_void, size: usize) -> *mut c_void {
    let before = usable(old);
    let ptr = unsafe { nianbao::alloc::realloc(old, size) };
    LIVE.fetch_add(usable(ptr) - before, Relaxed);
    ptr
}

unsafe extern "C" fn ts_free(ptr: *mut c_void) {
    LIVE.fetch_sub(usable(ptr), Relaxed);
    unsafe { nianbao::alloc::free(ptr) }
}

/// Routes tree-sitter's allocations through the counter.
///
/// # Safety
/// First thing in `main`, before any thread or tree-sitter object exists.
pub unsafe fn count_tree_sitter() {
    unsafe {
        tree_sitter::set_allocator(Some(tree_sitter::Allocator { malloc: ts_malloc, calloc: ts_calloc, realloc: ts_realloc, free: ts_free }))
    }
}

/// Bytes in use now, by Rust and by tree-sitter.
pub fn live_bytes() -> isize {
    LIVE.load(Relaxed)
}
