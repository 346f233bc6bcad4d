pub mod api;
pub mod model;
pub mod scheme_form;
pub mod views;
