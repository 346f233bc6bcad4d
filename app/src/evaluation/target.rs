//! What is scored: a team task handed in by teams (the subjects), or a
//! scenario's reflections written by participants.
pub const TASK: &str = "task";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub kind: &'static str,
    /// The team task's id.
    pub id: i64,
    pub class_id: i64,
}

impl Target {
    pub fn task(class_id: i64, task_id: i64) -> Target {
        Target {
            kind: TASK,
            id: task_id,
            class_id,
        }
    }

    /// The evaluation page of the target.
    pub fn page(&self) -> String {
        format!("/classes/{}/tasks/{}/evaluation", self.class_id, self.id)
    }

    /// The scoring page of one subject.
    pub fn score_page(&self, subject: i64) -> String {
        format!("/classes/{}/tasks/{}/score/{subject}", self.class_id, self.id)
    }
}
