pub mod api;
pub mod scheme_form;
pub mod model;
pub mod views;
