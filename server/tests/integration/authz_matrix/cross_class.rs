//! The other class's people, in their own class (class B), naming class A's
//! objects: a task, rubric, scenario assignment, mentoring pair and goal, a
//! subject's score, an evaluator assignment, a pair rule. Each call
//! passes the class check (it is their class) and must still be refused, with
//! 403 or 404, and change nothing.
use super::*;

/// Class A objects that only the world's setup knows by their database ids.
struct Extra {
    /// Class B's own team task (so the class and task check pass together).
    task_b: i64,
    /// An evaluator assignment of class A's task.
    evaluator_assignment: i64,
    /// A pair rule of class A.
    rule: i64,
}

type Cross = (Who, &'static str, &'static str, Vec<(&'static str, String)>);

fn cases(w: &World, x: &Extra) -> Vec<Cross> {
    let b = w.class_b.to_string();
    let (task, rubric, asg) = (w.task.to_string(), w.rubric.to_string(), w.assignment.to_string());
    let reflection = |mut extra: Vec<(&'static str, String)>| {
        extra.extend([
            ("class_id", b.clone()),
            ("task", asg.clone()),
            ("kind", "reflection".to_string()),
            ("subject", w.reflector.to_string()),
        ]);
        extra
    };
    let in_b = |more: &[(&'static str, String)]| {
        let mut f = vec![("class_id", b.clone())];
        f.extend_from_slice(more);
        f
    };
    let window = [
        ("opens_on", "2026-01-01".to_string()),
        ("closes_on", "".into()),
        ("max_attempts", "0".into()),
    ];
    vec![
        (FacOther, "GET", "/api/task_page", in_b(&[("task", task.clone())])),
        (
            FacOther,
            "GET",
            "/api/rubric_page",
            in_b(&[("rubric", rubric.clone())]),
        ),
        (FacOther, "POST", "/api/save_rubric", {
            let mut f = in_b(&[("rubric", rubric.clone()), ("save", "1".into())]);
            f.extend(rubric_form());
            f
        }),
        (
            FacOther,
            "POST",
            "/api/set_evaluation",
            in_b(&[
                ("task", task.clone()),
                ("rubric", rubric.clone()),
                ("combine", "median".into()),
                ("level_gap", "1".into()),
                ("share_gap", "".into()),
            ]),
        ),
        (
            FacOther,
            "POST",
            "/api/set_evaluation",
            in_b(&[
                ("task", x.task_b.to_string()),
                ("rubric", rubric.clone()),
                ("combine", "median".into()),
                ("level_gap", "1".into()),
                ("share_gap", "".into()),
            ]),
        ),
        (
            FacOther,
            "POST",
            "/api/assign_evaluator",
            in_b(&[
                ("task", task.clone()),
                ("subject", "0".into()),
                ("evaluator", w.someone.to_string()),
                ("role", "coach".into()),
                ("weight", "1".into()),
            ]),
        ),
        (
            FacOther,
            "POST",
            "/api/unassign_evaluator",
            in_b(&[
                ("task", x.task_b.to_string()),
                ("assignment", x.evaluator_assignment.to_string()),
            ]),
        ),
        (
            FacOther,
            "GET",
            "/api/evaluation_page",
            in_b(&[("task", task.clone())]),
        ),
        (
            FacOther,
            "GET",
            "/api/evaluation_page",
            in_b(&[("task", asg.clone()), ("kind", "reflection".into())]),
        ),
        (FacOther, "POST", "/api/update_assignment", {
            let mut f = in_b(&[("assignment", asg.clone())]);
            f.extend(window.clone());
            f
        }),
        (
            FacOther,
            "GET",
            "/api/scenario_analytics_page",
            in_b(&[("assignment", asg.clone())]),
        ),
        (
            FacOther,
            "GET",
            "/api/scenario_play_page",
            in_b(&[("assignment", asg.clone())]),
        ),
        (FacOther, "GET", "/api/score_page", reflection(vec![])),
        (
            FacOther,
            "POST",
            "/api/moderate_score",
            reflection(vec![("decision", "accepted".into())]),
        ),
        (
            FacOther,
            "POST",
            "/api/evaluation_flags",
            in_b(&[
                ("task", asg.clone()),
                ("kind", "reflection".into()),
                ("open", "false".into()),
            ]),
        ),
        (
            FacOther,
            "POST",
            "/api/remove_pair_rule",
            in_b(&[("rule", x.rule.to_string())]),
        ),
        (EvalOther, "GET", "/api/score_page", reflection(vec![])),
        (
            EvalOther,
            "POST",
            "/api/save_score",
            reflection(vec![("base", "0".into()), ("overall", "Diambil alih.".into())]),
        ),
        (
            PartOther,
            "GET",
            "/api/task_page",
            in_b(&[("task", task.clone())]),
        ),
        (
            PartOther,
            "POST",
            "/api/respond_mentoring",
            in_b(&[("pair", w.pair.to_string()), ("answer", "confirm".into())]),
        ),
        (
            PartOther,
            "POST",
            "/api/add_mentoring_goal",
            in_b(&[
                ("pair", w.pair.to_string()),
                ("key", "target-lintas-1".into()),
                ("title", "Ambil".into()),
            ]),
        ),
        (
            PartOther,
            "POST",
            "/api/set_mentoring_goal",
            in_b(&[("goal", w.goal.to_string()), ("met", "true".into())]),
        ),
        (
            PartOther,
            "POST",
            "/api/start_scenario",
            in_b(&[("assignment", asg.clone()), ("key", "kunci-lintas-kelas".into())]),
        ),
    ]
}

/// A complete, valid rubric titled "Diambil" as the editor posts it, so that
/// only the rubric's class can stop the save.
fn rubric_form() -> Vec<(&'static str, String)> {
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let template = app::rubrics::templates::find("refleksi-empati").expect("template");
    let r = template.rubric(app::i18n::Locale::Id);
    let mut f = vec![("title", "Diambil".to_string()), ("description", String::new())];
    for (i, c) in r.criteria.iter().enumerate() {
        f.push((leak(format!("criteria[{i}][title]")), c.title.clone()));
        f.push((leak(format!("criteria[{i}][weight]")), c.weight.to_string()));
        for (j, l) in c.levels.iter().enumerate() {
            let name = |field: &str| leak(format!("criteria[{i}][levels][{j}][{field}]"));
            f.push((name("label"), l.label.clone()));
            f.push((name("descriptor"), l.descriptor.clone()));
            f.push((name("min"), l.min.to_string()));
            f.push((name("max"), l.max.to_string()));
        }
    }
    f
}

/// Class A's pages and exports under class B's address, for class B's facilitator.
fn pages(w: &World) -> Vec<String> {
    let (b, task, rubric, asg) = (w.class_b, w.task, w.rubric, w.assignment);
    vec![
        format!("/classes/{b}/tasks/{task}"),
        format!("/classes/{b}/tasks/{task}/evaluation"),
        format!("/classes/{b}/tasks/{task}/export/scores.csv"),
        format!("/classes/{b}/rubrics/{rubric}"),
        format!("/classes/{b}/rubrics/{rubric}/export.csv"),
        format!("/classes/{b}/scenarios/{asg}"),
        format!("/classes/{b}/scenarios/{asg}/analytics"),
        format!("/classes/{b}/scenarios/{asg}/decisions.csv"),
        format!("/classes/{b}/scenarios/{asg}/export/scores.xlsx"),
    ]
}

/// Class A objects the cross-class cases name: class B's own task, and an
/// evaluator assignment and a pair rule of class A.
async fn cross_extra(app: &TestApp, w: &World) -> Extra {
    use app::entities::{evaluator_assignment, team_pair_rule};
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, QueryOrder};
    let new = app::tasks::new_task::parse_task(
        app::calendar::Zone::Wib,
        "Tugas B",
        "",
        "2026-12-01",
        "",
        "accepted",
        "",
    )
    .expect("task");
    let task_b = app::tasks::store::create(&app.db, w.class_b, new)
        .await
        .expect("task b");
    let target = app::results::target::Target::task(w.class_a, w.task);
    app::results::store::assign(&app.db, &target, 0, w.someone, "coach", 1.0)
        .await
        .expect("assign");
    let evaluator_assignment = evaluator_assignment::Entity::find()
        .order_by_desc(evaluator_assignment::Column::Id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("an assignment")
        .id;
    let rule = team_pair_rule::ActiveModel {
        class_id: Set(w.class_a),
        first_id: Set(w.someone),
        second_id: Set(w.reflector),
        kind: Set("apart".into()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .expect("rule")
    .id;
    Extra {
        task_b,
        evaluator_assignment,
        rule,
    }
}

both_backends!(another_class_objects_are_refused, async |app: &TestApp| {
    use app::entities::{evaluator_assignment, mentoring_goal, team_pair_rule};
    let w = world(app).await;
    let x = cross_extra(app, &w).await;
    let before = rubric_title(app, w.rubric).await;
    let mut wrong = Vec::new();
    for (who, method, path, fields) in cases(&w, &x) {
        let client = &w.clients.iter().find(|(c, _)| *c == who).expect("caller").1;
        let r = call(app, client, method, path, &fields).await;
        let refused = [StatusCode::FORBIDDEN, StatusCode::NOT_FOUND].contains(&r.status);
        if !(refused && r.error().is_some()) {
            wrong.push(format!("{method} {path} as {who:?}: {} {}", r.status, r.body));
        }
    }
    // A hand-in to class A's task from class B.
    let part_other = &w.clients.iter().find(|(c, _)| *c == PartOther).expect("caller").1;
    let fields = [
        ("class_id", w.class_b.to_string()),
        ("task", w.task.to_string()),
        ("key", "kiriman-lintas-kelas".to_string()),
    ];
    let r = app
        .upload_file(part_other, "/api/submit_task", &fields, "a.pdf", b"%PDF-1.4")
        .await;
    if ![StatusCode::FORBIDDEN, StatusCode::NOT_FOUND].contains(&r.status) || r.error().is_none() {
        wrong.push(format!(
            "POST /api/submit_task as PartOther: {} {}",
            r.status, r.body
        ));
    }
    let fac_other = &w.clients.iter().find(|(c, _)| *c == FacOther).expect("caller").1;
    for page in pages(&w) {
        let r = app.get(fac_other, &page).await;
        if ![StatusCode::FORBIDDEN, StatusCode::NOT_FOUND].contains(&r.status) {
            wrong.push(format!("GET {page}: {}", r.status));
        }
    }
    all_right(wrong);
    assert_eq!(
        rubric_title(app, w.rubric).await,
        before,
        "class A's rubric is unchanged"
    );
    let goal = mentoring_goal::Entity::find_by_id(w.goal)
        .one(&app.db)
        .await
        .expect("q")
        .expect("goal");
    assert!(!goal.met, "class A's goal is unchanged");
    let kept = evaluator_assignment::Entity::find_by_id(x.evaluator_assignment)
        .one(&app.db)
        .await
        .expect("q");
    assert!(kept.is_some(), "class A's evaluator assignment is kept");
    let kept = team_pair_rule::Entity::find_by_id(x.rule)
        .one(&app.db)
        .await
        .expect("q");
    assert!(kept.is_some(), "class A's pair rule is kept");
});

async fn rubric_title(app: &TestApp, id: i64) -> String {
    let found = app::entities::rubric::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .expect("q");
    found.expect("rubric").title
}
