//! nianbao's fuzz targets: each target calls one property of [`props`].
pub mod props;
