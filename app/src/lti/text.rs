//! The LTI pages' text, Indonesian first. These pages are rendered by the
//! server alone (the LMS posts to them), so their text stays out of the
//! browser bundle's message table.
use super::domain::claims::Failure;
use crate::i18n::Locale;

fn pick(locale: Locale, id: &'static str, en: &'static str) -> &'static str {
    match locale {
        Locale::Id => id,
        Locale::En => en,
    }
}

/// The launch did not open the existing account its NIP named.
pub fn separate_account(locale: Locale) -> &'static str {
    pick(
        locale,
        "Akun Sinergi dengan NIP ini sudah ada, tetapi tidak ditautkan otomatis ke akun LMS Anda. Anda masuk dengan akun baru dari LMS. Bila akun lama itu milik Anda, minta admin Sinergi menautkannya.",
        "A Sinergi account with this NIP exists, but it is not linked to your LMS account automatically. You are signed in with a new account from the LMS. If that account is yours, ask the Sinergi admin to link it.",
    )
}

pub fn failure_title(locale: Locale) -> &'static str {
    pick(
        locale,
        "Peluncuran dari LMS gagal",
        "The launch from the LMS failed",
    )
}

pub fn failure_hint(locale: Locale) -> &'static str {
    pick(
        locale,
        "Kembali ke LMS dan buka aktivitas ini sekali lagi. Bila tetap gagal, sampaikan kode di bawah kepada admin Sinergi.",
        "Go back to the LMS and open this activity again. If it still fails, give the code below to the Sinergi admin.",
    )
}

/// What failed, in words a trainer can pass on.
pub fn failure(f: &Failure, locale: Locale) -> String {
    let text = match f {
        Failure::State => pick(
            locale,
            "Status login tidak cocok dengan peramban ini (state hilang atau berbeda).",
            "The login state does not match this browser (state missing or different).",
        ),
        Failure::StateUsed => pick(
            locale,
            "Tautan login ini sudah dipakai. Buka aktivitas dari LMS sekali lagi.",
            "This login was already used. Open the activity from the LMS again.",
        ),
        Failure::UnknownPlatform => pick(
            locale,
            "LMS ini belum didaftarkan di Sinergi (issuer atau client id tidak dikenal).",
            "This LMS is not registered in Sinergi (unknown issuer or client id).",
        ),
        Failure::Malformed => pick(
            locale,
            "Token peluncuran tidak terbaca.",
            "The launch token cannot be read.",
        ),
        Failure::Algorithm(_) => pick(
            locale,
            "Token ditandatangani dengan algoritme yang tidak diterima (hanya RS256).",
            "The token is signed with an algorithm that is not accepted (RS256 only).",
        ),
        Failure::UnknownKey => pick(
            locale,
            "Kunci penanda tangan token (kid) tidak ada di kumpulan kunci LMS.",
            "The token's signing key (kid) is not in the LMS's key set.",
        ),
        Failure::KeySet => pick(
            locale,
            "Kumpulan kunci (JWKS) LMS tidak dapat diambil.",
            "The LMS's key set (JWKS) cannot be fetched.",
        ),
        Failure::Signature => pick(
            locale,
            "Tanda tangan token tidak sah.",
            "The token's signature is not valid.",
        ),
        Failure::Issuer => pick(
            locale,
            "Penerbit token (iss) bukan LMS yang terdaftar.",
            "The token's issuer (iss) is not the registered LMS.",
        ),
        Failure::Audience => pick(
            locale,
            "Token bukan untuk Sinergi (aud berbeda).",
            "The token is not meant for Sinergi (different aud).",
        ),
        Failure::AuthorizedParty => pick(
            locale,
            "Pihak yang diberi wewenang (azp) tidak cocok.",
            "The authorised party (azp) does not match.",
        ),
        Failure::Expired => pick(locale, "Token sudah kedaluwarsa.", "The token has expired."),
        Failure::IssuedInFuture => pick(
            locale,
            "Waktu terbit token (iat) ada di masa depan; periksa jam server LMS.",
            "The token's issue time (iat) is in the future; check the LMS server's clock.",
        ),
        Failure::Nonce => pick(
            locale,
            "Nonce token tidak cocok atau sudah dipakai (kemungkinan pemutaran ulang).",
            "The token's nonce does not match or was already used (possible replay).",
        ),
        Failure::Deployment => pick(
            locale,
            "Deployment ini belum didaftarkan untuk LMS tersebut.",
            "This deployment is not registered for that LMS.",
        ),
        Failure::MessageType => pick(
            locale,
            "Jenis pesan LTI tidak didukung.",
            "The LTI message type is not supported.",
        ),
        Failure::Version => pick(locale, "Versi LTI harus 1.3.0.", "The LTI version must be 1.3.0."),
        Failure::Missing(_) => pick(
            locale,
            "Token tidak memuat klaim yang wajib ada.",
            "The token lacks a required claim.",
        ),
        Failure::Role => pick(
            locale,
            "Hanya pengajar kursus yang dapat memilih aktivitas Sinergi.",
            "Only the course's instructors can pick Sinergi activities.",
        ),
    };
    match f {
        Failure::Missing(claim) => format!("{text} ({claim})"),
        Failure::Algorithm(alg) => format!("{text} ({alg})"),
        _ => text.to_string(),
    }
}

pub fn code_label(locale: Locale) -> &'static str {
    pick(locale, "Kode", "Code")
}

pub fn cookie_blocked(locale: Locale) -> &'static str {
    pick(
        locale,
        "Peramban Anda menolak cookie di dalam bingkai LMS. Buka Sinergi di tab baru untuk melanjutkan.",
        "Your browser refuses cookies inside the LMS frame. Open Sinergi in a new tab to continue.",
    )
}

pub fn open_new_tab(locale: Locale) -> &'static str {
    pick(locale, "Buka Sinergi di tab baru", "Open Sinergi in a new tab")
}

pub fn continue_here(locale: Locale) -> &'static str {
    pick(locale, "Lanjutkan di sini", "Continue here")
}

pub fn opening(locale: Locale) -> &'static str {
    pick(locale, "Membuka Sinergi…", "Opening Sinergi…")
}

pub fn code_invalid(locale: Locale) -> &'static str {
    pick(
        locale,
        "Kode peluncuran ini sudah dipakai atau kedaluwarsa. Buka aktivitas dari LMS sekali lagi.",
        "This launch code was already used or has expired. Open the activity from the LMS again.",
    )
}

pub fn registration_failed_title(locale: Locale) -> &'static str {
    pick(
        locale,
        "Pendaftaran Sinergi di LMS gagal",
        "Registering Sinergi in the LMS failed",
    )
}

/// What stopped a dynamic registration.
pub fn registration_failure(f: &super::registration::RegFailure, locale: Locale) -> String {
    use super::registration::RegFailure as R;
    let text = match f {
        R::Invite => pick(locale, "Tautan pendaftaran ini tidak dikenal, sudah dipakai, atau kedaluwarsa. Minta admin Sinergi membuat tautan baru.", "This registration link is unknown, already used or expired. Ask the Sinergi admin for a new one."),
        R::Configuration => pick(locale, "Konfigurasi OpenID LMS tidak dapat diambil atau dibaca.", "The LMS's OpenID configuration cannot be fetched or read."),
        R::Issuer => pick(locale, "Issuer dalam konfigurasi LMS tidak berada di alamat yang sama dengan konfigurasinya.", "The issuer in the LMS's configuration is not at the same address as the configuration."),
        R::Refused(_) => pick(locale, "LMS menolak pendaftaran klien Sinergi.", "The LMS refused Sinergi's client registration."),
        R::Answer => pick(locale, "Jawaban pendaftaran dari LMS tidak memuat client id.", "The LMS's registration answer has no client id."),
    };
    match f {
        R::Refused(status) if *status > 0 => format!("{text} (HTTP {status})"),
        _ => text.to_string(),
    }
}

pub fn registered_title(locale: Locale) -> &'static str {
    pick(locale, "Sinergi sudah terdaftar", "Sinergi is registered")
}

pub fn registered_body(locale: Locale) -> &'static str {
    pick(
        locale,
        "Pendaftaran di LMS berikut selesai. Aktifkan alat Sinergi di LMS, lalu tambahkan aktivitas Sinergi ke kursus.",
        "Registration with the following LMS is complete. Enable the Sinergi tool in the LMS, then add Sinergi activities to a course.",
    )
}

pub fn close(locale: Locale) -> &'static str {
    pick(locale, "Tutup", "Close")
}

pub fn pick_title(locale: Locale) -> &'static str {
    pick(locale, "Pilih aktivitas Sinergi", "Pick Sinergi activities")
}

pub fn pick_hint(locale: Locale) -> &'static str {
    pick(
        locale,
        "Centang unit, skenario, atau tugas tim yang ingin ditambahkan ke kursus LMS. Setiap aktivitas mendapat kolom nilai di LMS (0–100).",
        "Tick the units, scenarios or team tasks to add to the LMS course. Each activity gets a grade column in the LMS (0–100).",
    )
}

pub fn pick_kind(code: &str, locale: Locale) -> &'static str {
    match code.split(':').next() {
        Some("unit") => pick(locale, "Unit", "Unit"),
        Some("scenario") => pick(locale, "Skenario", "Scenario"),
        _ => pick(locale, "Tugas tim", "Team task"),
    }
}

pub fn pick_none(locale: Locale) -> &'static str {
    pick(
        locale,
        "Kelas ini belum memiliki aktivitas.",
        "This class has no activities yet.",
    )
}

pub fn pick_submit(locale: Locale) -> &'static str {
    pick(locale, "Tambahkan ke LMS", "Add to the LMS")
}

pub fn returning(locale: Locale) -> &'static str {
    pick(
        locale,
        "Mengirim pilihan ke LMS…",
        "Sending the choice to the LMS…",
    )
}

pub fn return_button(locale: Locale) -> &'static str {
    pick(locale, "Kembali ke LMS", "Back to the LMS")
}

pub fn to_platform(locale: Locale) -> &'static str {
    pick(locale, "Lanjutkan ke LMS", "Continue to the LMS")
}

pub fn checking_launch(locale: Locale) -> &'static str {
    pick(locale, "Memeriksa peluncuran…", "Checking the launch…")
}

pub fn storage_needs_js(locale: Locale) -> &'static str {
    pick(
        locale,
        "Peramban ini tidak menyimpan cookie di dalam bingkai LMS, dan pemeriksaan lewat LMS memerlukan JavaScript. Aktifkan JavaScript atau buka aktivitas ini dari LMS di tab baru.",
        "This browser keeps no cookies inside the LMS frame, and checking through the LMS needs JavaScript. Turn JavaScript on or open this activity from the LMS in a new tab.",
    )
}

pub fn lrs_title(locale: Locale) -> &'static str {
    pick(
        locale,
        "Catatan belajar xAPI (LRS)",
        "xAPI learning records (LRS)",
    )
}

pub fn lrs_off(locale: Locale) -> &'static str {
    pick(
        locale,
        "Belum ada LRS. Agar setiap keputusan skenario, pelajaran yang selesai dan nilai rubrik yang dirilis dikirim sebagai pernyataan xAPI, atur SINERGI_LRS_URL, SINERGI_LRS_KEY dan SINERGI_LRS_SECRET (lihat README), lalu jalankan ulang server.",
        "No LRS yet. To send every scenario decision, lesson read and released rubric result as an xAPI statement, set SINERGI_LRS_URL, SINERGI_LRS_KEY and SINERGI_LRS_SECRET (see the README), then restart the server.",
    )
}

pub fn lrs_on(locale: Locale, endpoint: &str) -> String {
    match locale {
        Locale::Id => format!("Pernyataan xAPI dikirim ke {endpoint}."),
        Locale::En => format!("xAPI statements go to {endpoint}."),
    }
}

/// "Terkirim 120 · menunggu 3 · gagal 0".
pub fn lrs_counts(locale: Locale, sent: u64, waiting: u64, failed: u64) -> String {
    match locale {
        Locale::Id => format!("Terkirim {sent} · menunggu {waiting} · gagal (berhenti dicoba) {failed}"),
        Locale::En => format!("Sent {sent} · waiting {waiting} · given up {failed}"),
    }
}
