//! What is scored: a team task handed in by teams (the subjects), or a
//! scenario assignment's reflections written by participants (each
//! participant is a subject).
pub const TASK: &str = "task";
pub const REFLECTION: &str = "reflection";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    /// `TASK` or `REFLECTION`.
    pub kind: &'static str,
    /// The team task's id, or the scenario assignment's.
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

    pub fn reflection(class_id: i64, assignment_id: i64) -> Target {
        Target {
            kind: REFLECTION,
            id: assignment_id,
            class_id,
        }
    }

    /// The target a form or URL names: `kind` "reflection", else a task.
    pub fn of(kind: &str, class_id: i64, id: i64) -> Target {
        match kind {
            REFLECTION => Target::reflection(class_id, id),
            _ => Target::task(class_id, id),
        }
    }

    /// The path segment of the target's pages: `tasks` or `scenarios`.
    fn segment(&self) -> &'static str {
        if self.kind == REFLECTION {
            "scenarios"
        } else {
            "tasks"
        }
    }

    /// The task page, or the scenario's play page.
    pub fn home(&self) -> String {
        format!("/classes/{}/{}/{}", self.class_id, self.segment(), self.id)
    }

    /// The evaluation page of the target.
    pub fn page(&self) -> String {
        format!("{}/evaluation", self.home())
    }

    /// The scoring page of one subject.
    pub fn score_page(&self, subject: i64) -> String {
        format!("{}/score/{subject}", self.home())
    }

    /// The CSV and XLSX exports sit under this path.
    pub fn export_base(&self) -> String {
        format!("{}/export", self.home())
    }

    /// The hidden fields every evaluation form sends to name the target.
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        vec![("task", self.id.to_string()), ("kind", self.kind.to_string())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_of_each_kind() {
        let t = Target::of("task", 3, 7);
        assert_eq!(t.page(), "/classes/3/tasks/7/evaluation");
        assert_eq!(t.score_page(9), "/classes/3/tasks/7/score/9");
        let r = Target::of(REFLECTION, 3, 4);
        assert_eq!(r.page(), "/classes/3/scenarios/4/evaluation");
        assert_eq!(r.score_page(12), "/classes/3/scenarios/4/score/12");
        assert_eq!(r.export_base(), "/classes/3/scenarios/4/export");
        // Anything unknown is a task, never a reflection.
        assert_eq!(Target::of("", 1, 1).kind, TASK);
    }
}
