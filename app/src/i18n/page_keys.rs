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
    // Teams (issue 5)
    ErrInfeasible => "Aturan pasangan tidak dapat dipenuhi semuanya dengan ukuran tim ini. Ubah aturan pasangan, ukuran tim, atau buka kunci tim.", "The pair rules cannot all hold with these team sizes. Change the pair rules or team size, or unlock a team.";
    ErrNoDraft => "Tidak ada draf tim. Bentuk tim terlebih dahulu.", "There is no draft of teams. Form teams first.";
    ErrPairPeople => "Pilih dua peserta yang berbeda dari angkatan ini.", "Choose two different participants of this class.";
    ErrSameTeam => "Keduanya sudah berada di tim yang sama.", "They are already in the same team.";
    ErrSurveyClosed => "Survei sudah ditutup oleh fasilitator.", "The facilitator has closed the survey.";
    ErrSurveyValue => "Pilih jawaban dari daftar.", "Choose an answer from the list.";
    ErrTeamLocked => "Tim ini dikunci. Buka kuncinya dulu untuk mengubah anggotanya.", "This team is locked. Unlock it first to change its members.";
    ErrTeamSettings => "Ukuran tim 2 sampai 12 (atau jumlah tim 1 sampai 200); bobot 0 sampai 5, tidak semuanya 0.", "Team size 2 to 12 (or 1 to 200 teams); weights 0 to 5, not all 0.";
    ErrTeamWouldEmpty => "Tim asal akan kosong. Tukar saja dengan anggota tim lain.", "The team would be left empty. Swap with a member of another team instead.";
    ErrTooFewPeople => "Angkatan ini belum punya cukup peserta untuk dibentuk tim.", "This class does not have enough participants to form teams.";
    NavTeams => "Tim", "Teams";
    TeamsTitle => "Tim lintas generasi", "Multigenerational teams";
    TeamsIntro => "Setiap tim mencampur generasi, unit kerja, dan tingkat jabatan, dan tidak ada anggota yang menjadi satu-satunya dari generasinya bila itu dapat dihindari.", "Each team mixes generations, work units and levels, and nobody is the only one of their generation when that can be avoided.";
    TeamsNotPublished => "Tim belum diumumkan oleh fasilitator.", "The facilitator has not published the teams yet.";
    TeamsNotInOne => "Anda belum masuk tim mana pun. Hubungi fasilitator.", "You are not in a team yet. Contact the facilitator.";
    TeamsNone => "Belum ada tim. Atur kriteria di atas, lalu tekan Bentuk tim.", "No teams yet. Set the criteria above, then press Form teams.";
    TeamsSettings => "Cara membentuk tim", "How to form teams";
    TeamsMode => "Tentukan berdasarkan", "Decide by";
    TeamsBySize => "Ukuran tim", "Team size";
    TeamsByCount => "Jumlah tim", "Number of teams";
    TeamsNumber => "Angka", "Number";
    TeamsWeights => "Bobot kriteria (0 sampai 5)", "Criteria weights (0 to 5)";
    TeamsWeightsHint => "Kriteria berbobot lebih besar lebih diutamakan. Aturan pasangan dan tim terkunci selalu dipatuhi.", "Criteria with larger weights count more. Pair rules and locked teams always hold.";
    TeamsForm => "Bentuk tim", "Form teams";
    TeamsFormAgain => "Bentuk ulang (seed baru)", "Form again (new seed)";
    TeamsPreview => "Pratinjau tim", "Team preview";
    TeamsDraft => "Draf: belum terlihat oleh peserta", "Draft: not visible to participants";
    TeamsPublished => "Sudah diumumkan", "Published";
    TeamsSeed => "Seed {0}", "Seed {0}";
    TeamsOverall => "Mutu: tim terlemah {0}, rata-rata {1}", "Quality: weakest team {0}, average {1}";
    TeamsPublish => "Umumkan tim", "Publish teams";
    TeamNumber => "Tim {0}", "Team {0}";
    TeamLocked => "Terkunci", "Locked";
    TeamLock => "Kunci tim ini", "Lock this team";
    TeamUnlock => "Buka kunci", "Unlock";
    TeamQuality => "Mutu tim {0}", "Team quality {0}";
    TeamCriteria => "Skor per kriteria", "Score per criterion";
    TeamNoBreach => "Tidak ada anggota yang terisolasi.", "Nobody is isolated.";
    YourTeam => "Tim Anda: Tim {0}", "Your team: Team {0}";
    CritGenerationMix => "Campuran generasi", "Generation mix";
    CritNoIsolation => "Tidak ada yang sendirian", "Nobody alone";
    CritUnitSpread => "Sebaran unit kerja", "Spread of work units";
    CritLevelBalance => "Keseimbangan jabatan", "Balance of levels";
    CritSkillBalance => "Keseimbangan keterampilan digital", "Balance of digital skill";
    BreachAloneGeneration => "{0} satu-satunya dari generasinya di tim ini", "{0} is the only one of their generation in this team";
    BreachAloneGender => "{0} satu-satunya dari jenis kelaminnya di tim ini", "{0} is the only one of their gender in this team";
    BreachSameUnit => "{0} orang dari {1}", "{0} people from {1}";
    ReasonTraded => "dapat dihindari; cek dan tukar bila perlu", "avoidable; check and swap if needed";
    ReasonOnlyOne => "tidak terhindarkan: hanya satu di angkatan", "unavoidable: the only one in the class";
    ReasonUnitLarge => "tidak terhindarkan: unit ini punya lebih banyak orang daripada jumlah tim", "unavoidable: the unit has more people than there are teams";
    GenderMale => "Laki-laki", "Male";
    GenderFemale => "Perempuan", "Female";
    SwapFirst => "Tukar peserta", "Swap participant";
    SwapSecond => "dengan", "with";
    SwapSubmit => "Tukar", "Swap";
    MovePerson => "Pindahkan peserta", "Move participant";
    MoveTeam => "ke", "to";
    MoveSubmit => "Pindahkan", "Move";
    DragHint => "Anda juga dapat menyeret nama ke kartu tim lain.", "You can also drag a name onto another team's card.";
    PairRules => "Aturan pasangan", "Pair rules";
    PairRulesHint => "Aturan ini selalu dipatuhi saat tim dibentuk.", "These rules always hold when teams are formed.";
    PairFirst => "Peserta", "Participant";
    PairKind => "harus", "must be";
    PairSecond => "dengan peserta", "with participant";
    PairTogether => "satu tim", "in one team";
    PairApart => "beda tim", "in different teams";
    PairAdd => "Tambah aturan", "Add rule";
    PairRemove => "Hapus", "Remove";
    SurveyTitle => "Survei singkat", "Short survey";
    SurveyHelp => "Nilai kemampuan digital Anda dari 1 (baru mulai) sampai 5 (mahir), dan centang yang ingin Anda pelajari. Jawaban dipakai untuk membentuk tim dan pasangan mentoring.", "Rate your digital skills from 1 (just starting) to 5 (expert) and tick what you want to learn. Answers are used to form teams and mentoring pairs.";
    SurveyIsOpen => "Survei terbuka.", "The survey is open.";
    SurveyIsClosed => "Survei tertutup.", "The survey is closed.";
    SurveyAnswered => "{0} dari {1} peserta sudah menjawab.", "{0} of {1} participants have answered.";
    SurveyOpen => "Buka survei", "Open the survey";
    SurveyClose => "Tutup survei", "Close the survey";
    SurveyTopic => "Keterampilan", "Skill";
    SurveyRating => "Nilai diri (1–5)", "Self-rating (1–5)";
    SurveyWant => "Ingin belajar", "Want to learn";
    SurveyStyle => "Gaya kerja", "Working style";
    SurveyAvailability => "Waktu luang", "Availability";
    SurveySubmit => "Simpan jawaban", "Save answers";
    SurveySaved => "Jawaban Anda tersimpan. Anda dapat mengubahnya selama survei terbuka.", "Your answers are saved. You can change them while the survey is open.";
    StyleStructured => "Terstruktur, sesuai rencana", "Structured, to a plan";
    StyleFlexible => "Luwes, sambil jalan", "Flexible, as it comes";
    StyleMixed => "Campuran", "A mix";
    AvailMorning => "Pagi", "Mornings";
    AvailAfternoon => "Siang/sore", "Afternoons";
    AvailAny => "Kapan saja", "Any time";
    TopicEOffice => "Aplikasi e-office (Srikandi)", "E-office (Srikandi)";
    TopicSpreadsheet => "Lembar kerja (spreadsheet)", "Spreadsheets";
    TopicVideoCall => "Rapat video", "Video calls";
    TopicSocialMedia => "Media sosial instansi", "Agency social media";
    TopicDataSecurity => "Keamanan data pribadi", "Personal data security";
    // Team tasks (issue 5)
    ErrBadLink => "Tautan harus diawali http:// atau https://, satu per baris, tanpa spasi.", "Links must start with http:// or https://, one per line, without spaces.";
    ErrFileKind => "Berkas {0} tidak diterima: hanya PDF, DOCX, PPTX, PNG, JPG, atau WebP.", "File {0} is not accepted: only PDF, DOCX, PPTX, PNG, JPG or WebP.";
    ErrLateUntil => "Isi tanggal batas keterlambatan, sesudah tenggat.", "Give the last date for late work, after the due date.";
    ErrNoTeam => "Anda belum masuk tim yang diumumkan, jadi belum dapat mengumpulkan.", "You are not in a published team yet, so you cannot hand in.";
    ErrSubmissionEmpty => "Isi teks, tautan, atau lampirkan berkas.", "Write some text, add a link or attach a file.";
    ErrSubmissionTooLong => "Teks terlalu panjang (maksimum 20.000 karakter).", "The text is too long (20,000 characters at most).";
    ErrTaskTitle => "Judul wajib diisi (maksimum 200 karakter).", "A title is required (200 characters at most).";
    ErrTimeBad => "Jam tidak valid (JJ:MM).", "Not a valid time (HH:MM).";
    ErrTooManyFiles => "Paling banyak 5 berkas per pengumpulan.", "At most 5 files per submission.";
    ErrTooManyLinks => "Paling banyak 10 tautan.", "At most 10 links.";
    ErrUploadTooLarge => "Berkas terlalu besar: semua lampiran bersama paling banyak {0} MB.", "Files too large: all attachments together at most {0} MB.";
    TasksTitle => "Tugas tim", "Team tasks";
    TasksNone => "Belum ada tugas tim.", "No team tasks yet.";
    TaskDue => "Tenggat {0}", "Due {0}";
    LateRefused => "Terlambat dicatat tetapi tidak dihitung", "Late work is kept but does not count";
    LateAccepted => "Terlambat diterima bila tidak ada yang tepat waktu", "Late work counts when nothing came on time";
    LateUntil => "Terlambat diterima sampai {0}", "Late work accepted until {0}";
    LateUntilOption => "Terlambat diterima sampai tanggal tertentu", "Late work accepted until a date";
    TaskCreate => "Buat tugas tim", "Set a team task";
    TaskTitleField => "Judul", "Title";
    TaskBrief => "Arahan tugas", "Brief";
    TaskBriefHint => "Boleh memakai Markdown: **tebal**, daftar dengan -, tautan.", "Markdown allowed: **bold**, lists with -, links.";
    TaskDueOn => "Tanggal tenggat (WIB)", "Due date (WIB)";
    TaskDueTime => "Jam tenggat (WIB)", "Due time (WIB)";
    TaskPolicy => "Aturan keterlambatan", "Late policy";
    TaskLateUntil => "Batas keterlambatan (bila ada)", "Last date for late work (if any)";
    TaskCreateSubmit => "Buat tugas", "Set task";
    VersionNumber => "Versi {0}", "Version {0}";
    VersionLate => "Terlambat", "Late";
    VersionTooLate => "Terlambat, tidak dihitung", "Late, does not count";
    VersionCounts => "Yang dinilai", "Counts";
    VersionsNone => "Belum ada yang dikumpulkan.", "Nothing handed in yet.";
    SubmitTitle => "Kumpulkan versi baru", "Hand in a new version";
    SubmitBody => "Teks", "Text";
    SubmitLinks => "Tautan (satu per baris)", "Links (one per line)";
    SubmitFiles => "Berkas", "Files";
    SubmitHint => "PDF, DOCX, PPTX, atau gambar. Versi sebelumnya tetap tersimpan.", "PDF, DOCX, PPTX or images. Earlier versions are kept.";
    SubmitSubmit => "Kumpulkan", "Hand in";
    // Reverse mentoring (issue 5)
    ErrGoalTitle => "Isi judul (maksimum 200 karakter).", "Give a title (200 characters at most).";
    ErrMenteeGeneration => "Yang dibimbing harus dari generasi Baby Boomer atau X.", "The mentee must be a Baby Boomer or Gen X.";
    ErrMentorBusy => "Mentor ini sudah berpasangan dengan peserta lain.", "This mentor is already paired with someone else.";
    ErrMentorGeneration => "Mentor harus dari generasi Y atau Z.", "The mentor must be Gen Y or Gen Z.";
    ErrPairNotConfirmed => "Pasangan ini belum dikonfirmasi oleh yang dibimbing.", "The mentee has not confirmed this pair yet.";
    ErrSessionMinutes => "Durasi 5 sampai 600 menit.", "Duration 5 to 600 minutes.";
    ErrSessionText => "Wajib diisi (maksimum 5.000 karakter).", "Required (5,000 characters at most).";
    MentoringTitle => "Mentoring terbalik", "Reverse mentoring";
    MentoringIntro => "Rekan muda (Gen Y/Z) yang mahir suatu keterampilan digital mendampingi rekan senior (Baby Boomer/X) yang ingin mempelajarinya, dan belajar dari pengalaman mereka sebagai balasannya.", "A younger colleague (Gen Y/Z) skilled in a digital tool guides a senior colleague (Baby Boomer/X) who wants to learn it, and learns from their experience in return.";
    ProposeTitle => "Usulan pasangan", "Pairing proposal";
    ProposeHint => "Dihitung dari survei: mentor menilai dirinya lebih tinggi pada topik yang diminta yang dibimbing. Pasangan yang sudah dikonfirmasi tidak diubah.", "Worked out from the survey: the mentor rates higher on the topics the mentee asked for. Confirmed pairs are kept.";
    ProposeSameUnit => "Boleh dari unit kerja yang sama", "Allow colleagues from the same unit";
    ProposeSubmit => "Usulkan pasangan", "Propose pairs";
    PairsTitle => "Pasangan", "Pairs";
    PairsNone => "Belum ada pasangan. Buka survei, lalu usulkan pasangan.", "No pairs yet. Open the survey, then propose pairs.";
    Mentor => "Mentor", "Mentor";
    Mentee => "Yang dibimbing", "Mentee";
    PairTopics => "Topik", "Topics";
    PairTopicsOf => "Topik: {0}", "Topics: {0}";
    PairStatus => "Status", "Status";
    PairSessions => "Sesi", "Sessions";
    PairGoals => "Target", "Goals";
    PairProposed => "Menunggu konfirmasi", "Waiting for confirmation";
    PairConfirmed => "Dikonfirmasi", "Confirmed";
    PairDeclined => "Ditolak", "Declined";
    PairReplaced => "Diganti fasilitator", "Replaced by the facilitator";
    SessionsCount => "{0} sesi, {1} menit", "{0} sessions, {1} minutes";
    GoalsMet => "{0} dari {1} tercapai", "{0} of {1} met";
    UnpairedTitle => "Belum berpasangan", "Not paired";
    UnpairedGeneration => "generasinya tidak termasuk mentor (Y/Z) atau yang dibimbing (Boomer/X)", "their generation is neither mentor (Y/Z) nor mentee (Boomer/X)";
    UnpairedNoHigher => "tidak ada rekan muda yang menilai dirinya lebih tinggi pada topik yang diminta", "no younger colleague rates higher on the topics asked";
    UnpairedSameUnit => "rekan yang lebih mahir hanya ada di unit kerja yang sama", "the only stronger colleagues are in the same unit";
    UnpairedTaken => "mentor yang cocok sudah dipasangkan dengan selisih keterampilan yang lebih besar", "the mentors who fit went to pairs with larger skill gaps";
    UnpairedNoMentee => "tidak ada lagi yang dibimbing yang cocok", "no mentee left who fits";
    UnpairedNoSurvey => "belum mengisi survei", "has not answered the survey";
    AdjustTitle => "Ubah pasangan", "Change a pair";
    AdjustSubmit => "Tetapkan mentor", "Set mentor";
    NoPairYet => "Anda belum punya pasangan mentoring.", "You do not have a mentoring pair yet.";
    YourMentor => "Mentor Anda", "Your mentor";
    YourMentee => "Yang Anda bimbing", "Your mentee";
    RespondHint => "Apakah Anda bersedia dibimbing oleh rekan ini?", "Would you like this colleague as your mentor?";
    PairConfirm => "Ya, saya bersedia", "Yes, confirm";
    PairDecline => "Tolak", "Decline";
    GoalsTitle => "Target belajar", "Learning goals";
    GoalNew => "Target baru", "New goal";
    GoalExample => "contoh: membuat tabel pivot di spreadsheet", "e.g. make a pivot table in a spreadsheet";
    GoalAdd => "Tambah target", "Add goal";
    GoalMarkMet => "Tandai tercapai", "Mark as met";
    GoalReopen => "Belum tercapai", "Not met yet";
    SessionsTitle => "Catatan sesi", "Session log";
    SessionDate => "Tanggal", "Date";
    SessionDuration => "Durasi (menit)", "Duration (minutes)";
    SessionMinutes => "{0} menit", "{0} minutes";
    SessionTopic => "Topik", "Topic";
    SessionPractised => "Yang dipraktikkan", "What was practised";
    SessionLearned => "Yang dipelajari mentor dari pengalaman yang dibimbing", "What the mentor learned from the mentee's experience";
    SessionLog => "Simpan sesi", "Save session";
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
