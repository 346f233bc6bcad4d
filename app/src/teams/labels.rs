//! The survey's digital topics by name, in the caller's language (server-rendered pages).
use crate::i18n::P;
use crate::ui::rendered::tr;

/// A topic code of `domain::survey::TOPICS` as people read it.
pub fn topic_label(topic: &str) -> &'static str {
    tr(match topic {
        "e-office" => P::TopicEOffice,
        "spreadsheet" => P::TopicSpreadsheet,
        "video-call" => P::TopicVideoCall,
        "social-media" => P::TopicSocialMedia,
        _ => P::TopicDataSecurity,
    })
}
