//! All UI text, Indonesian first, English second. Placeholders are `{0}`, `{1}`…
use serde::{Deserialize, Serialize};

macro_rules! keys {
    ($($key:ident => $id:literal, $en:literal;)*) => {
        /// On the wire a key is its index: a derived string form would put a
        /// several-kilobyte name matcher into the browser build.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(into = "u16", try_from = "u16")]
        pub enum K { $($key),* }

        impl From<K> for u16 {
            fn from(key: K) -> u16 {
                key as u16
            }
        }

        impl TryFrom<u16> for K {
            type Error = &'static str;
            fn try_from(index: u16) -> Result<K, Self::Error> {
                K::ALL.get(usize::from(index)).copied().ok_or("unknown message key")
            }
        }

        impl K {
            pub const ALL: &'static [K] = &[$(K::$key),*];

            pub fn text(self, locale: super::Locale) -> &'static str {
                match locale {
                    super::Locale::Id => match self { $(K::$key => $id),* },
                    super::Locale::En => match self { $(K::$key => $en),* },
                }
            }

            /// Stable name used as a validator code and in logs.
            pub fn code(self) -> &'static str {
                match self { $(K::$key => stringify!($key)),* }
            }

            pub fn from_code(code: &str) -> Option<K> {
                match code { $(stringify!($key) => Some(K::$key),)* _ => None }
            }
        }
    };
}

keys! {
    AppName => "Sinergi", "Sinergi";
    AppTagline => "Pelatihan kepemimpinan lintas generasi", "Cross-generation leadership training";
    SkipToContent => "Langsung ke isi", "Skip to content";
    NavHome => "Beranda", "Home";
    NavClasses => "Angkatan", "Classes";
    NavUsers => "Akun", "Accounts";
    NavProgrammes => "Program", "Programmes";
    NavGenerations => "Skema generasi", "Generation scheme";
    NavLms => "LMS (LTI 1.3)", "LMS (LTI 1.3)";
    NavPassword => "Ganti kata sandi", "Change password";
    NavLogout => "Keluar", "Log out";
    NavLogin => "Masuk", "Log in";
    NavMain => "Navigasi utama", "Main navigation";
    LangSwitch => "English", "Bahasa Indonesia";
    LangSwitchLabel => "Ganti bahasa", "Change language";
    RoleAdmin => "Admin", "Admin";
    RoleFacilitator => "Widyaiswara", "Facilitator";
    RoleEvaluator => "Penilai", "Evaluator";
    RoleParticipant => "Peserta", "Participant";
    LoginTitle => "Masuk ke Sinergi", "Log in to Sinergi";
    LoginIdentifier => "Email atau NIP", "Email or NIP";
    LoginIdentifierHint => "NIP 18 digit (boleh dengan spasi) atau alamat email Anda.", "Your 18-digit NIP (spaces are fine) or your email address.";
    LoginPassword => "Kata sandi", "Password";
    LoginSubmit => "Masuk", "Log in";
    LoginFailed => "Email/NIP atau kata sandi salah.", "Wrong email/NIP or password.";
    LoginRateLimited => "Terlalu banyak percobaan masuk. Coba lagi dalam {0} menit.", "Too many login attempts. Try again in {0} minutes.";
    LoginInactive => "Akun ini dinonaktifkan. Hubungi penyelenggara.", "This account is deactivated. Contact the organiser.";
    HomeWelcome => "Selamat datang, {0}", "Welcome, {0}";
    HomeRoles => "Peran Anda: {0}", "Your roles: {0}";
    HomeIntro => "Sinergi membantu angkatan pelatihan belajar bekerja lintas generasi: Baby Boomers, Gen X, Gen Y, dan Gen Z.", "Sinergi helps training classes learn to work across generations: Baby Boomers, Gen X, Gen Y and Gen Z.";
    HomeMyClasses => "Angkatan saya", "My classes";
    HomeNoClasses => "Anda belum terdaftar di angkatan mana pun.", "You are not enrolled in any class yet.";
    HomeAdminTools => "Pengelolaan", "Administration";
    PasswordTitle => "Ganti kata sandi", "Change password";
    PasswordCurrent => "Kata sandi sekarang", "Current password";
    PasswordNew => "Kata sandi baru", "New password";
    PasswordNewHint => "Minimal 10 karakter.", "At least 10 characters.";
    PasswordConfirm => "Ulangi kata sandi baru", "Repeat new password";
    PasswordSubmit => "Simpan kata sandi", "Save password";
    PasswordChanged => "Kata sandi diganti. Sesi Anda di perangkat lain telah diakhiri.", "Password changed. Your sessions on other devices have been ended.";
    PasswordWrongCurrent => "Kata sandi sekarang tidak cocok.", "The current password is not correct.";
    PasswordMismatch => "Kedua kata sandi baru tidak sama.", "The two new passwords differ.";
    UsersTitle => "Akun pengguna", "User accounts";
    UsersCreate => "Buat akun", "Create account";
    UsersName => "Nama lengkap", "Full name";
    UsersEmail => "Email", "Email";
    UsersNip => "NIP", "NIP";
    UsersRoles => "Peran", "Roles";
    UsersInitialPassword => "Kata sandi awal", "Initial password";
    UsersStatus => "Status", "Status";
    UsersChangeSaved => "Perubahan akun disimpan.", "The account change has been saved.";
    UsersCreated => "Akun dibuat.", "Account created.";
    UsersCannotDeactivateSelf => "Anda tidak dapat menonaktifkan akun sendiri.", "You cannot deactivate your own account.";
    ProgrammesTitle => "Program dan angkatan", "Programmes and classes";
    ProgrammeName => "Nama program", "Programme name";
    ProgrammeDescription => "Keterangan", "Description";
    ProgrammeCreate => "Buat program", "Create programme";
    ClassCreate => "Buat angkatan", "Create class";
    ClassName => "Nama angkatan", "Class name";
    ClassProgramme => "Program", "Programme";
    ClassStarts => "Mulai", "Starts";
    ClassEnds => "Selesai", "Ends";
    ClassFacilitator => "Widyaiswara", "Facilitator";
    ClassDescription => "Keterangan", "Description";
    ClassesTitle => "Angkatan", "Classes";
    ClassesEmpty => "Belum ada angkatan.", "No classes yet.";
    ClassPeriod => "{0} – {1}", "{0} – {1}";
    ClassParticipants => "{0} peserta", "{0} participants";
    ClassEdit => "Ubah data angkatan", "Edit class details";
    ClassSave => "Simpan", "Save";
    ClassSaved => "Data angkatan disimpan.", "Class details saved.";
    RosterColNip => "NIP", "NIP";
    RosterColName => "Nama", "Name";
    RosterColGeneration => "Generasi", "Generation";
    RosterColGender => "Jenis kelamin", "Gender";
    RosterColUnit => "Unit kerja", "Unit";
    RosterColJabatan => "Jabatan", "Position";
    RosterColBirth => "Tanggal lahir", "Birth date";
    RosterColRole => "Peran", "Role";
    RosterSortBy => "Urutkan menurut {0}", "Sort by {0}";
    CompositionByGeneration => "Menurut generasi", "By generation";
    CompositionByGender => "Menurut jenis kelamin", "By gender";
    CompositionByUnit => "Menurut unit kerja", "By unit";
    CompositionChartDesc => "{0}: {1} orang ({2})", "{0}: {1} people ({2})";
    GenderMale => "Laki-laki", "Male";
    GenderFemale => "Perempuan", "Female";
    GenderUnknown => "Tidak diketahui", "Unknown";
    GenPre => "Sebelum Boomers", "Pre-Boomer";
    GenUnknown => "Tidak diketahui", "Unknown";
    ImportTitle => "Impor peserta", "Import participants";
    ImportHelp => "Unggah berkas CSV (pemisah koma atau titik koma) dengan kolom: NIP, Nama, Email (opsional), Jenis kelamin (opsional, L/P), Unit kerja, Jabatan, Golongan (opsional). Baris pertama berisi judul kolom.", "Upload a CSV file (comma or semicolon separated) with the columns NIP, Name, Email (optional), Gender (optional, L/P or M/F), Unit, Position, Grade (optional). The first line holds the column titles.";
    ImportFile => "Berkas CSV", "CSV file";
    ImportUpload => "Periksa berkas", "Check file";
    ImportHasErrors => "Ada {0} kesalahan. Tidak ada data yang disimpan. Perbaiki berkas lalu unggah lagi.", "There are {0} errors. Nothing has been saved. Fix the file and upload it again.";
    ImportDone => "{0} peserta diimpor.", "{0} participants imported.";
    ImportExpired => "Unggahan ini sudah tidak berlaku. Unggah berkas lagi.", "This upload has expired. Upload the file again.";
    ImportNoFile => "Pilih berkas CSV terlebih dahulu.", "Choose a CSV file first.";
    ImportTooLarge => "Berkas terlalu besar (maksimum 1 MB).", "The file is too large (1 MB at most).";
    GenSchemeTitle => "Skema generasi", "Generation scheme";
    GenSchemeHelp => "Rentang tahun lahir per generasi. Rentang harus bersambung tanpa celah atau tumpang tindih. Kosongkan baris untuk menghapusnya.", "Birth-year ranges per generation. Ranges must follow each other with no gap or overlap. Empty a row to remove it.";
    GenSchemeName => "Nama skema", "Scheme name";
    GenCode => "Kode", "Code";
    GenLabel => "Nama generasi", "Generation name";
    GenStart => "Tahun awal", "First year";
    GenEnd => "Tahun akhir", "Last year";
    GenEndHint => "kosong = terbuka", "empty = open-ended";
    GenSave => "Simpan skema", "Save scheme";
    GenSaved => "Skema generasi disimpan.", "Generation scheme saved.";
    GenPresetArticle => "Pakai skema artikel (Babel)", "Use the article's scheme (Babel)";
    GenPresetBkn => "Pakai skema BKN", "Use the BKN scheme";
    GenRow => "Rentang {0}", "Range {0}";
    Saving => "Menyimpan…", "Saving…";
    Saved => "Tersimpan", "Saved";
    Loading => "Memuat…", "Loading…";
    Submit => "Kirim", "Submit";
    Cancel => "Batal", "Cancel";
    Yes => "Ya", "Yes";
    No => "Tidak", "No";
    Optional => "opsional", "optional";
    NotFoundTitle => "Halaman tidak ditemukan", "Page not found";
    NotFoundBody => "Alamat ini tidak ada. Kembali ke beranda.", "This address does not exist. Go back home.";
    ForbiddenTitle => "Tidak boleh diakses", "Not allowed";
    ErrFixFields => "Periksa isian yang ditandai.", "Please check the marked fields.";
    ErrNotFound => "Data tidak ditemukan.", "Not found.";
    ErrUnauthenticated => "Silakan masuk terlebih dahulu.", "Please log in first.";
    ErrForbidden => "Anda tidak memiliki akses untuk ini.", "You do not have access to this.";
    ErrInternal => "Terjadi kesalahan di server (ref {0}). Coba lagi; bila berulang, sampaikan kode ini ke penyelenggara.", "Something went wrong on the server (ref {0}). Try again; if it keeps happening, give this code to the organiser.";
    ErrTransport => "Koneksi terputus. Periksa jaringan lalu coba lagi.", "The connection dropped. Check the network and try again.";
    ErrBadRequest => "Permintaan tidak dapat diproses. Muat ulang halaman lalu coba lagi.", "The request could not be processed. Reload the page and try again.";
    ErrBusy => "Banyak orang menyimpan pada saat yang sama dan simpanan ini belum masuk. Coba lagi sebentar lagi.", "Many people were saving at the same moment and this save did not go through. Try again in a moment.";
    ErrCsrf => "Sesi formulir kedaluwarsa. Muat ulang halaman lalu coba lagi.", "The form has expired. Reload the page and try again.";
    ErrRequired => "Wajib diisi.", "Required.";
    ErrInvalidValue => "Isian tidak valid.", "Invalid value.";
    ErrEmail => "Alamat email tidak valid.", "Not a valid email address.";
    ErrTooLong => "Terlalu panjang.", "Too long.";
    ErrPasswordShort => "Kata sandi minimal 10 karakter.", "The password needs at least 10 characters.";
    ErrRolesRequired => "Pilih minimal satu peran.", "Choose at least one role.";
    ErrEmailTaken => "Email ini sudah dipakai akun lain.", "This email is already used by another account.";
    ErrNipTaken => "NIP ini sudah dipakai akun lain.", "This NIP is already used by another account.";
    ErrDateOrder => "Tanggal selesai harus sesudah tanggal mulai.", "The end date must be after the start date.";
    ErrDate => "Tanggal tidak valid.", "Not a valid date.";
    ErrYear => "Tahun harus angka antara 1900 dan 2100.", "The year must be a number from 1900 to 2100.";
    ErrNipEmpty => "NIP kosong.", "NIP is empty.";
    ErrNipNotDigits => "NIP hanya boleh berisi angka.", "NIP may contain digits only.";
    ErrNipLength => "NIP harus 18 digit.", "NIP must have 18 digits.";
    ErrNipBirthDate => "Digit 1–8 NIP bukan tanggal lahir yang valid.", "Digits 1–8 of the NIP are not a valid birth date.";
    ErrNipAge => "Tanggal lahir dari NIP tidak masuk akal (terlalu tua atau belum 17 tahun).", "The birth date in the NIP is implausible (too old or under 17).";
    ErrNipAppointment => "Digit 9–14 NIP bukan bulan pengangkatan yang valid.", "Digits 9–14 of the NIP are not a valid appointment month.";
    ErrNipAppointmentEarly => "Tanggal pengangkatan dalam NIP sebelum usia 17 tahun.", "The appointment date in the NIP is before age 17.";
    ErrNipSex => "Digit 15 NIP harus 1 (laki-laki) atau 2 (perempuan).", "Digit 15 of the NIP must be 1 (male) or 2 (female).";
    ErrDuplicateNipInFile => "NIP ini muncul lebih dari sekali dalam berkas.", "This NIP appears more than once in the file.";
    ErrDuplicateNipInClass => "NIP ini sudah terdaftar di angkatan ini.", "This NIP is already enrolled in this class.";
    ErrMissingName => "Nama wajib diisi.", "The name is required.";
    ErrNameTooLong => "Nama terlalu panjang (maksimum 120 karakter).", "The name is too long (120 characters at most).";
    ErrBadGender => "Jenis kelamin harus L/P (atau M/F).", "Gender must be L/P (or M/F).";
    ErrGenderRequired => "Jenis kelamin wajib diisi untuk NIP PPPK.", "Gender is required for a PPPK NIP.";
    ErrGenderConflictsNip => "Jenis kelamin tidak sesuai dengan digit 15 NIP.", "The gender does not match digit 15 of the NIP.";
    ErrMissingColumn => "Kolom wajib tidak ada di judul.", "A required column is missing from the header.";
    ErrEmptyFile => "Berkas kosong.", "The file is empty.";
    ErrTooManyRows => "Terlalu banyak baris (maksimum 2.000).", "Too many rows (2,000 at most).";
    ErrBadEncoding => "Berkas bukan teks UTF-8. Simpan ulang sebagai CSV UTF-8.", "The file is not UTF-8 text. Save it again as CSV UTF-8.";
    ErrCsvSyntax => "Baris CSV tidak dapat dibaca.", "The CSV line could not be read.";
    ErrEmailConflict => "Email ini sudah dipakai orang lain di Sinergi.", "This email already belongs to someone else in Sinergi.";
    ErrSchemeEmpty => "Wajib diisi.", "Required.";
    ErrSchemeDuplicateCode => "Kode generasi sudah dipakai di baris lain.", "This generation code is used on another row.";
    ErrSchemeEndBeforeStart => "Tahun akhir sebelum tahun awal.", "The last year is before the first year.";
    ErrSchemeGap => "Ada celah dengan rentang sebelumnya.", "There is a gap after the previous range.";
    ErrSchemeOverlap => "Tumpang tindih dengan rentang sebelumnya.", "This overlaps the previous range.";
    ErrSchemeOpenEndNotLast => "Hanya rentang terakhir yang boleh terbuka.", "Only the last range may be open-ended.";
    ErrSchemeNoRanges => "Isi minimal satu rentang.", "Fill in at least one range.";
    UnitNotReleased => "Unit ini belum dibuka oleh fasilitator.", "Your facilitator has not opened this unit yet.";
    Verbatim => "{0}", "{0}";
    NavScenarios => "Skenario", "Scenarios";
    CheckChooseOne => "Pilih jawaban terlebih dahulu.", "Choose an answer first.";
    ReflectionTooLong => "Refleksi terlalu panjang (maksimum {0} karakter).", "The reflection is too long ({0} characters at most).";
    LearnPrevious => "Sebelumnya", "Previous";
    LearnNext => "Berikutnya", "Next";
    LearnFinish => "Selesai dibaca, lanjut", "Done reading, go on";
    LearnCheck => "Cek cepat", "Quick check";
    LearnCheckSubmit => "Periksa jawaban", "Check my answer";
    LearnCheckMultiple => "Pilih semua yang benar.", "Choose every right answer.";
    LearnCheckRight => "Tepat!", "Right!";
    LearnCheckWrong => "Belum tepat. Baca umpan balik, lalu coba lagi.", "Not quite. Read the feedback and try again.";
    LearnReflection => "Refleksi", "Reflection";
    LearnReflectionSave => "Simpan refleksi", "Save reflection";
    LearnSaving => "Menyimpan…", "Saving…";
    SaveSavedAt => "Tersimpan pukul {0}", "Saved at {0}";
    SaveNotSaved => "Tidak tersimpan — alasannya tertulis di formulir", "Not saved — the reason is shown in the form";
    SaveRetrying => "Belum tersimpan — mencoba lagi", "Not saved yet — retrying";
    LearnOpenLink => "Buka tautan", "Open the link";
    CurBadKey => "Kunci hanya boleh huruf kecil, angka dan tanda hubung (paling banyak 60).", "A key may only hold lower-case letters, digits and hyphens (60 at most).";
    CurMissingTranslation => "Isi teks dalam bahasa Indonesia dan bahasa Inggris.", "Fill in the text in both Indonesian and English.";
    CurTextTooLong => "Teks terlalu panjang (paling banyak 20.000 karakter).", "The text is too long (20,000 characters at most).";
    CurLessonMinutes => "Pelajaran mikro berlangsung 2–10 menit.", "A micro-lesson takes 2–10 minutes.";
    CurUnitMinutes => "Perkiraan waktu unit tidak masuk akal.", "The unit's estimated time is not plausible.";
    CurNoUnits => "Kurikulum belum berisi unit.", "The curriculum has no units.";
    CurNoLessons => "Setiap unit perlu paling sedikit satu pelajaran.", "Every unit needs at least one lesson.";
    CurNoBlocks => "Setiap pelajaran perlu paling sedikit satu blok isi.", "Every lesson needs at least one content block.";
    CurFieldNotAllowed => "Isian ini tidak berlaku untuk jenis blok ini.", "This field does not apply to this block type.";
    CurUnknownBlockType => "Jenis blok tidak dikenal.", "Unknown block type.";
    CurUnknownField => "Isian tidak dikenal.", "Unknown field.";
    CurMissingField => "Isian wajib belum ada.", "A required field is missing.";
    CurInvalidValue => "Nilai tidak valid.", "Invalid value.";
    CurSyntax => "Penulisan berkas tidak sesuai format TOML.", "The file is not valid TOML.";
    CurDuplicateKey => "Kunci ini sudah dipakai.", "This key is already used.";
    CurCheckOptionCount => "Kuis cepat perlu 2–6 pilihan.", "A quick check needs 2–6 options.";
    CurCheckNoCorrect => "Tandai paling sedikit satu pilihan yang benar.", "Mark at least one option as correct.";
    CurCheckSingleManyCorrect => "Kuis pilihan tunggal hanya boleh punya satu jawaban benar.", "A single-choice check may have only one correct option.";
    CurBadCheckMode => "Mode kuis harus tunggal atau ganda.", "The check mode must be single or multiple.";
    CurBadUrl => "Alamat harus diawali https:// atau http://.", "The address must start with https:// or http://.";
    CurBadLinkKind => "Jenis tautan harus tautan atau video.", "The link kind must be link or video.";
    CurBadImageSrc => "Gambar harus berupa nama berkas di folder gambar kurikulum.", "The image must be a file name in the curriculum image folder.";
    CurImageSize => "Ukuran gambar tidak masuk akal.", "The image size is not plausible.";
    CurIssueOther => "Isi kurikulum tidak valid.", "The curriculum content is not valid.";
    NavCurriculum => "Kurikulum", "Curriculum";
    CurUploadUnreadable => "Berkas tidak dapat dibaca. Unggah berkas .zip hasil ekspor atau berkas unit .toml.", "The file cannot be read. Upload a .zip from an export or a unit .toml file.";
    CurImportDone => "Kurikulum diimpor: {0} unit, {1} pelajaran, {2} blok; {3} yang tidak ada lagi dipensiunkan.", "Curriculum imported: {0} units, {1} lessons, {2} blocks; {3} no longer present were retired.";
    CurKeyChanged => "Kunci blok tidak boleh diubah di sini; kemajuan peserta terikat padanya.", "The block's key cannot be changed here; participants' progress is tied to it.";
    CurIssueAtLine => "Baris {0}: {1}", "Line {0}: {1}";
    CurIssueMore => "… dan {0} masalah lain.", "… and {0} more problems.";
    ErrSchemeYear => "Tahun harus antara 1900 dan 2100.", "The year must be from 1900 to 2100.";
    // Issue 19 (imports, exports, sign-in, limits on text): one block, keep together.
    CurUploadTooBig => "Arsip terlalu besar setelah dibuka: paling banyak {0} berkas, {1} MB per berkas dan {2} MB seluruhnya.", "The archive is too large once unpacked: at most {0} entries, {1} MB per file and {2} MB in all.";
    ImportKnownLocked => "sudah terdaftar; data pribadinya hanya diubah admin", "already registered; only an admin changes their personal data";
    ImportKnownSame => "sudah terdaftar; datanya sama", "already registered; the data is the same";
    ImportKnownChanges => "sudah terdaftar; admin mengubah:", "already registered; an admin changes:";
    RosterColGolongan => "Golongan", "Grade";
    ErrTooManyAttempts => "Terlalu banyak percobaan; tunggu {0} detik lalu coba lagi.", "Too many attempts; wait {0} seconds and try again.";
    ErrTextNul => "Teks tidak boleh berisi karakter NUL.", "The text may not contain a NUL character.";
    ErrTextTooLong => "Terlalu panjang: paling banyak {0} karakter.", "Too long: at most {0} characters.";
}
