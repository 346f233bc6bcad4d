//! Text of pages rendered on the server only (the scenario pages): it never
//! reaches the browser's WASM, which keeps the download small. Same shape as
//! `K`: Indonesian first, English second, `{0}`… for arguments.
use super::Locale;

macro_rules! page_keys {
    ($($key:ident => $id:literal, $en:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum P { $($key),* }

        impl P {
            pub const ALL: &'static [P] = &[$(P::$key),*];

            pub fn t(self, locale: Locale) -> &'static str {
                match locale {
                    Locale::Id => match self { $(P::$key => $id),* },
                    Locale::En => match self { $(P::$key => $en),* },
                }
            }
        }
    };
}

page_keys! {
    // Errors, translated on the server and sent as text (`scenarios::said`)
    ErrNotOpen => "Skenario ini belum dibuka.", "This scenario is not open yet.";
    ErrClosed => "Skenario ini sudah ditutup.", "This scenario has closed.";
    ErrNoAttemptsLeft => "Kesempatan mencoba skenario ini sudah habis.", "You have used all attempts at this scenario.";
    ErrStale => "Langkah ini sudah tercatat sebelumnya. Muat ulang halaman untuk melanjutkan dari posisi terakhir.", "This step was already recorded. Reload the page to continue from where you are.";
    ErrReflectionEmpty => "Tuliskan refleksi Anda terlebih dahulu.", "Write your reflection first.";
    ErrNotPublishable => "Skenario belum dapat diterbitkan: perbaiki masalah yang ditandai.", "The scenario cannot be published yet: fix the problems marked.";
    ErrAttemptsInvalid => "Jumlah kesempatan 0 (tanpa batas) sampai 20.", "Attempts must be 0 (no limit) to 20.";
    ErrDatesInvalid => "Tanggal tutup harus sesudah tanggal buka.", "The closing date must come after the opening date.";
    ErrDateBad => "Tanggal tidak valid (TTTT-BB-HH).", "Not a valid date (YYYY-MM-DD).";
    ErrAlreadyAssigned => "Skenario ini sudah ditugaskan ke angkatan ini.", "This scenario is already assigned to this class.";
    ErrNodeExists => "Sudah ada simpul dengan id ini.", "A node with this id exists already.";
    // Lists and assignment
    ScenariosTitle => "Skenario empati", "Empathy scenarios";
    ScenariosIntro => "Latihan bercabang: Anda membaca situasi, memilih tanggapan, dan melihat akibatnya bagi rekan dari generasi lain.", "Branching exercises: you read a situation, choose a response and see what it does for a colleague of another generation.";
    ScenariosNone => "Belum ada skenario yang ditugaskan untuk angkatan ini.", "No scenario has been assigned to this class yet.";
    Minutes => "{0} menit", "{0} minutes";
    Play => "Mainkan", "Play";
    Resume => "Lanjutkan", "Continue";
    PlayAgain => "Main lagi", "Play again";
    ViewSummary => "Lihat ringkasan", "View summary";
    NotStarted => "Belum dimulai", "Not started";
    InProgress => "Sedang berjalan ({0}%)", "In progress ({0}%)";
    FinishedTimes => "Selesai {0} kali", "Finished {0} times";
    AttemptsPolicy => "Kesempatan: {0}", "Attempts: {0}";
    AttemptsUnlimited => "tanpa batas", "no limit";
    OpenWindow => "Dibuka {0}", "Opens {0}";
    CloseWindow => "ditutup {0}", "closes {0}";
    Analytics => "Analitik", "Analytics";
    AssignTitle => "Tugaskan skenario", "Assign a scenario";
    AssignScenario => "Skenario", "Scenario";
    AssignOpens => "Tanggal buka", "Opens on";
    AssignCloses => "Tanggal tutup (boleh kosong)", "Closes on (optional)";
    AssignAttempts => "Kesempatan per peserta (0 = tanpa batas)", "Attempts per participant (0 = no limit)";
    AssignSubmit => "Tugaskan", "Assign";
    ScheduleTitle => "Ubah jadwal atau kesempatan", "Change the schedule or attempts";
    ScheduleSave => "Simpan jadwal", "Save the schedule";
    BackToScenarios => "Kembali ke daftar skenario", "Back to the scenarios";
    // Player
    Start => "Mulai", "Start";
    Continue => "Lanjut", "Continue";
    SaveAndContinue => "Simpan dan lanjut", "Save and continue";
    Progress => "Kemajuan", "Progress";
    ProgressStep => "Langkah {0}", "Step {0}";
    Present => "Yang hadir", "Present";
    YourChoice => "Pilihan Anda: {0}", "Your choice: {0}";
    Feedback => "Umpan balik", "Feedback";
    ChooseHint => "Pilih satu tanggapan. Pilihan Anda langsung tersimpan.", "Choose one response. Your choice is saved at once.";
    ReflectionHint => "Jawaban Anda tersimpan bersama jalur yang Anda tempuh.", "Your answer is saved with the path you took.";
    AttemptOf => "Percobaan ke-{0}", "Attempt {0}";
    // Summary
    SummaryTitle => "Ringkasan", "Summary";
    YourPath => "Jalur yang Anda tempuh", "The path you took";
    YourScores => "Skor empati Anda", "Your empathy scores";
    TotalScore => "Total: {0}", "Total: {0}";
    YourReflections => "Refleksi Anda", "Your reflections";
    Band => "Capaian", "Outcome";
    BandStrong => "Empati kuat", "Strong empathy";
    BandDeveloping => "Sedang berkembang", "Developing";
    BandNeedsPractice => "Perlu latihan lagi", "Needs more practice";
    DimPerspective => "Memahami sudut pandang", "Perspective-taking";
    DimRespect => "Rasa hormat", "Respect";
    DimClarity => "Kejelasan", "Clarity";
    DimCollaboration => "Kolaborasi", "Collaboration";
    DimPerspectiveHelp => "Sejauh mana Anda melihat situasi dari kacamata rekan generasi lain.", "How far you saw the situation through the eyes of a colleague of another generation.";
    DimRespectHelp => "Sejauh mana Anda menghargai pengalaman, nilai, dan cara kerja orang lain.", "How far you valued the other person's experience, values and ways of working.";
    DimClarityHelp => "Sejauh mana pesan Anda jelas dan dapat diterima dalam bentuk yang cocok bagi lawan bicara.", "How clear your message was, in a form the other person could take in.";
    DimCollaborationHelp => "Sejauh mana Anda mencari jalan untuk bekerja bersama, bukan untuk menang.", "How far you looked for a way to work together rather than to win.";
    StepReflected => "menulis refleksi", "wrote a reflection";
    // Analytics
    AnalyticsTitle => "Analitik: {0}", "Analytics: {0}";
    AnalyticsScheme => "Generasi menurut skema: {0}", "Generations by the scheme: {0}";
    AnalyticsAttempts => "{0} percobaan, {1} selesai", "{0} attempts, {1} finished";
    ChoiceDistribution => "Sebaran pilihan per generasi", "Choices by generation";
    OptionCol => "Pilihan", "Option";
    AllCol => "Semua", "All";
    CommonPaths => "Jalur yang paling sering", "Most common paths";
    PathCount => "{0} kali", "{0} times";
    AverageScores => "Rata-rata skor per generasi", "Average scores by generation";
    GenerationCol => "Generasi", "Generation";
    FinishedCol => "Selesai", "Finished";
    ReflectionsTitle => "Refleksi peserta", "Participants' reflections";
    NoData => "Belum ada data.", "No data yet.";
    DownloadCsv => "Unduh CSV keputusan", "Download decisions as CSV";
    Endings => "Akhir yang dicapai", "Endings reached";
    // Authoring
    AuthoringIntro => "Skenario disimpan sebagai draf; peserta memainkan versi terbit terakhir. Format berkas: content/scenarios/FORMAT.md.", "Scenarios are saved as drafts; participants play the latest published version. File format: content/scenarios/FORMAT.md.";
    NodesCol => "Simpul", "Nodes";
    StatusCol => "Status", "Status";
    StatusDraft => "Draf, belum terbit", "Draft, not published";
    StatusPublished => "Terbit versi {0}", "Published, version {0}";
    ProblemsCount => "{0} masalah", "{0} problems";
    Edit => "Sunting", "Edit";
    Export => "Ekspor .toml", "Export .toml";
    ImportTitle => "Impor skenario", "Import a scenario";
    ImportHelp => "Berkas .toml sesuai format. Skenario dengan kunci yang sama diganti drafnya; yang sudah terbit tetap dimainkan sampai Anda menerbitkan lagi.", "A .toml file in the format. A scenario with the same key gets its draft replaced; the published one stays in play until you publish again.";
    ImportFile => "Berkas skenario (.toml)", "Scenario file (.toml)";
    ImportSubmit => "Impor", "Import";
    Publish => "Terbitkan", "Publish";
    PublishHelp => "Menerbitkan membuat versi baru. Percobaan yang sedang berjalan tetap memakai versinya.", "Publishing makes a new version. Attempts in progress keep theirs.";
    ProblemsTitle => "Masalah yang harus diperbaiki sebelum terbit", "Problems to fix before publishing";
    NoProblems => "Tidak ada masalah: skenario siap diterbitkan.", "No problems: the scenario is ready to publish.";
    GraphTitle => "Peta skenario", "Scenario map";
    GraphLegend => "Warna: situasi, pilihan, refleksi, akhir. Garis merah: simpul yang tidak terjangkau atau terjebak.", "Colours: situation, choice, reflection, ending. Red outline: a node that cannot be reached or is a trap.";
    NodeList => "Daftar simpul", "Nodes";
    NodeSource => "Isi simpul (format TOML)", "Node content (TOML format)";
    SaveNode => "Simpan simpul", "Save node";
    DeleteNode => "Hapus simpul", "Delete node";
    HeaderSource => "Judul, ringkasan, durasi, dan simpul awal (format TOML)", "Title, summary, duration and start node (TOML format)";
    SaveHeader => "Simpan", "Save";
    AddNode => "Tambah simpul", "Add a node";
    NodeId => "Id simpul", "Node id";
    NodeType => "Jenis", "Type";
    TypeSituation => "Situasi", "Situation";
    TypeChoice => "Pilihan", "Choice";
    TypeReflection => "Refleksi", "Reflection";
    TypeEnding => "Akhir", "Ending";
    // Scenario problems ({0}: the field, option or node concerned)
    PrBadKey => "Id tidak valid: huruf kecil, angka, dan tanda hubung, paling banyak 60 ({0}).", "Invalid id: lower-case letters, digits and dashes, 60 at most ({0}).";
    PrMinutes => "Durasi harus 1 sampai 120 menit.", "Duration must be 1 to 120 minutes.";
    PrMissingTranslation => "Teks belum lengkap dalam kedua bahasa ({0}).", "Text missing in one of the languages ({0}).";
    PrTextTooLong => "Teks terlalu panjang ({0}).", "Text too long ({0}).";
    PrTooManyNodes => "Terlalu banyak simpul (paling banyak {0}).", "Too many nodes ({0} at most).";
    PrNoEnding => "Skenario belum punya akhir.", "The scenario has no ending.";
    PrTooManyCharacters => "Terlalu banyak tokoh (paling banyak {0}).", "Too many characters ({0} at most).";
    PrCharacterName => "Nama tokoh kosong atau terlalu panjang.", "A character's name is empty or too long.";
    PrCharacterGeneration => "Generasi tokoh harus boomer, x, y, atau z ({0}).", "A character's generation must be boomer, x, y or z ({0}).";
    PrOptionCount => "Pilihan harus 2 sampai 4 (sekarang {0}).", "A choice needs 2 to 4 options (now {0}).";
    PrDuplicateOption => "Kunci pilihan dipakai dua kali ({0}).", "Option key used twice ({0}).";
    PrEffectRange => "Perubahan skor harus antara -3 dan 3 (pilihan {0}).", "Score changes must be between -3 and 3 (option {0}).";
    PrMissingStart => "Simpul awal tidak ada ({0}).", "The start node does not exist ({0}).";
    PrDuplicateNode => "Id simpul dipakai dua kali.", "Node id used twice.";
    PrDangling => "Mengarah ke simpul yang tidak ada ({0}).", "Leads to a node that does not exist ({0}).";
    PrUnreachable => "Tidak dapat dicapai dari simpul awal.", "Cannot be reached from the start.";
    PrNoWayOut => "Tidak mengarah ke mana pun.", "Leads nowhere.";
    PrTrap => "Jebakan: dari sini tidak ada jalan menuju akhir.", "Trap: no ending can be reached from here.";
    PrEndingWithNext => "Simpul akhir tidak boleh punya lanjutan.", "An ending cannot lead anywhere.";
    PrSyntax => "Penulisan TOML salah: {0}", "TOML syntax error: {0}";
    PrUnknownField => "Kolom tidak dikenal: {0}", "Unknown field: {0}";
    PrMissingField => "Kolom wajib belum diisi: {0}", "Required field missing: {0}";
    PrInvalidValue => "Nilai tidak valid: {0}", "Invalid value: {0}";
    PrUnknownNodeType => "Jenis simpul tidak dikenal: {0}", "Unknown node type: {0}";
    PrFieldNotForType => "Kolom ini tidak dipakai oleh jenis simpul ini: {0}", "This node type does not use the field: {0}";
    PrBadCondition => "Syarat tidak valid: {0} (contoh: respect >= 3)", "Invalid condition: {0} (e.g. respect >= 3)";
    PrUnknownDimension => "Dimensi tidak dikenal: {0}", "Unknown dimension: {0}";
    PrUnknownBand => "Capaian harus strong, developing, atau needs-practice ({0}).", "The outcome must be strong, developing or needs-practice ({0}).";
    PrOneNode => "Isi satu simpul saja di sini.", "Put exactly one node here.";
    PrHeaderOnly => "Di sini hanya judul, ringkasan, durasi, dan awal; kunci tetap {0}.", "Only title, summary, duration and start here; the key stays {0}.";
    PrOther => "Masalah: {0}", "Problem: {0}";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_text_has_both_languages() {
        for key in P::ALL {
            assert!(
                !key.t(Locale::Id).trim().is_empty() && !key.t(Locale::En).trim().is_empty(),
                "{key:?}"
            );
        }
    }
}
