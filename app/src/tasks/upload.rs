//! Reads a submission's multipart form: the small text fields and every
//! `file` field, stopping as soon as the whole goes over the size limit.
use crate::error::{AppError, AppResult};
use crate::i18n::said_with;
use crate::i18n::{K, P};
use crate::teams::domain::deliverable::file_kind;

pub struct UploadedFile {
    pub name: String,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

#[derive(Default)]
pub struct SubmissionForm {
    pub class_id: i64,
    pub task: i64,
    pub key: String,
    pub body: String,
    pub links: String,
    pub files: Vec<UploadedFile>,
}

const MAX_FIELD_BYTES: usize = 100_000;

pub async fn read(data: server_fn::codec::MultipartData, max_bytes: usize) -> AppResult<SubmissionForm> {
    let mut multipart = data
        .into_inner()
        .ok_or_else(|| AppError::rule(K::ErrBadRequest))?;
    let mut form = SubmissionForm::default();
    let mut total = 0usize;
    while let Ok(Some(mut field)) = multipart.next_field().await {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let mut bytes = Vec::new();
        while let Ok(Some(chunk)) = field.chunk().await {
            total += chunk.len();
            bytes.extend_from_slice(&chunk);
            if total > max_bytes || (file_name.is_none() && bytes.len() > MAX_FIELD_BYTES) {
                let limit = (max_bytes / (1024 * 1024)).to_string();
                return Err(AppError::field("file", said_with(P::ErrUploadTooLarge, &[limit])));
            }
        }
        match (name.as_str(), file_name) {
            ("file", Some(file_name)) if !bytes.is_empty() => {
                let mime = file_kind(&file_name, &bytes).ok_or_else(|| {
                    AppError::field(
                        "file",
                        said_with(P::ErrFileKind, std::slice::from_ref(&file_name)),
                    )
                })?;
                form.files.push(UploadedFile {
                    name: clean_name(&file_name),
                    mime,
                    bytes,
                });
            }
            ("file", _) => {}
            (field, _) => {
                let text = String::from_utf8(bytes).map_err(|_| AppError::rule(K::ErrBadRequest))?;
                match field {
                    "class_id" => form.class_id = number(&text)?,
                    "task" => form.task = number(&text)?,
                    "key" => form.key = text,
                    "body" => form.body = text.replace("\r\n", "\n"),
                    "links" => form.links = text,
                    _ => {}
                }
            }
        }
    }
    Ok(form)
}

fn number(text: &str) -> AppResult<i64> {
    text.trim().parse().map_err(|_| AppError::rule(K::ErrBadRequest))
}

/// The file's own name without any folder, and only characters that are safe
/// in a download header.
fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') {
                c
            } else {
                '_'
            }
        })
        .take(120)
        .collect();
    if cleaned.trim().is_empty() {
        "berkas".into()
    } else {
        cleaned
    }
}
