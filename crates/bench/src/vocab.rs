//! Word lists the generator draws from: provinces, agencies, topics, phrases.
//! Names and abbreviations follow Nghị định 30/2020/NĐ-CP conventions.

/// A province or centrally-run city (the 63 units before the 2025 merger).
pub struct Province {
    /// Name in running text.
    pub name: &'static str,
    /// A centrally-run city (`thành phố`), not a `tỉnh`.
    pub city: bool,
    /// Place on the date line when it differs from the name.
    pub place: Option<&'static str>,
}

const fn p(name: &'static str) -> Province {
    Province {
        name,
        city: false,
        place: None,
    }
}

const fn city(name: &'static str, place: Option<&'static str>) -> Province {
    Province {
        name,
        city: true,
        place,
    }
}

/// The 63 provinces and cities.
pub const PROVINCES: &[Province] = &[
    p("An Giang"),
    p("Bà Rịa - Vũng Tàu"),
    p("Bạc Liêu"),
    p("Bắc Giang"),
    p("Bắc Kạn"),
    p("Bắc Ninh"),
    p("Bến Tre"),
    p("Bình Dương"),
    p("Bình Định"),
    p("Bình Phước"),
    p("Bình Thuận"),
    p("Cà Mau"),
    p("Cao Bằng"),
    city("Cần Thơ", None),
    city("Đà Nẵng", None),
    p("Đắk Lắk"),
    p("Đắk Nông"),
    p("Điện Biên"),
    p("Đồng Nai"),
    p("Đồng Tháp"),
    p("Gia Lai"),
    p("Hà Giang"),
    p("Hà Nam"),
    city("Hà Nội", None),
    p("Hà Tĩnh"),
    p("Hải Dương"),
    city("Hải Phòng", None),
    p("Hậu Giang"),
    p("Hòa Bình"),
    p("Hưng Yên"),
    p("Khánh Hòa"),
    p("Kiên Giang"),
    p("Kon Tum"),
    p("Lai Châu"),
    p("Lạng Sơn"),
    p("Lào Cai"),
    p("Lâm Đồng"),
    p("Long An"),
    p("Nam Định"),
    p("Nghệ An"),
    p("Ninh Bình"),
    p("Ninh Thuận"),
    p("Phú Thọ"),
    p("Phú Yên"),
    p("Quảng Bình"),
    p("Quảng Nam"),
    p("Quảng Ngãi"),
    p("Quảng Ninh"),
    p("Quảng Trị"),
    p("Sóc Trăng"),
    p("Sơn La"),
    p("Tây Ninh"),
    p("Thái Bình"),
    p("Thái Nguyên"),
    p("Thanh Hóa"),
    p("Thừa Thiên Huế"),
    p("Tiền Giang"),
    city("Hồ Chí Minh", Some("Thành phố Hồ Chí Minh")),
    p("Trà Vinh"),
    p("Tuyên Quang"),
    p("Vĩnh Long"),
    p("Vĩnh Phúc"),
    p("Yên Bái"),
];

/// An agency with the abbreviation its numbers carry.
pub struct Agency {
    /// Name in running text (`Sở Tài chính`).
    pub name: &'static str,
    /// Abbreviation in document numbers (`STC`).
    pub abbr: &'static str,
}

const fn a(name: &'static str, abbr: &'static str) -> Agency {
    Agency { name, abbr }
}

/// Provincial departments.
pub const DEPARTMENTS: &[Agency] = &[
    a("Sở Tài chính", "STC"),
    a("Sở Nội vụ", "SNV"),
    a("Sở Kế hoạch và Đầu tư", "SKHĐT"),
    a("Sở Tư pháp", "STP"),
    a("Sở Y tế", "SYT"),
    a("Sở Giáo dục và Đào tạo", "SGDĐT"),
    a("Sở Xây dựng", "SXD"),
    a("Sở Ngoại vụ", "SNgV"),
    a("Sở Giao thông vận tải", "SGTVT"),
    a("Sở Nông nghiệp và Phát triển nông thôn", "SNN"),
    a("Sở Tài nguyên và Môi trường", "STNMT"),
    a("Sở Thông tin và Truyền thông", "STTTT"),
    a("Sở Lao động - Thương binh và Xã hội", "SLĐTBXH"),
    a("Sở Công Thương", "SCT"),
    a("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"),
    a("Sở Khoa học và Công nghệ", "SKHCN"),
    a("Thanh tra tỉnh", "TTr"),
];

/// Ministries.
pub const MINISTRIES: &[Agency] = &[
    a("Bộ Tài chính", "BTC"),
    a("Bộ Nội vụ", "BNV"),
    a("Bộ Kế hoạch và Đầu tư", "BKHĐT"),
    a("Bộ Tư pháp", "BTP"),
    a("Bộ Y tế", "BYT"),
    a("Bộ Giáo dục và Đào tạo", "BGDĐT"),
    a("Bộ Xây dựng", "BXD"),
    a("Bộ Ngoại giao", "BNG"),
    a("Bộ Giao thông vận tải", "BGTVT"),
    a("Bộ Công Thương", "BCT"),
    a("Bộ Thông tin và Truyền thông", "BTTTT"),
    a("Bộ Tài nguyên và Môi trường", "BTNMT"),
    a("Bộ Nông nghiệp và Phát triển nông thôn", "BNNPTNT"),
    a("Bộ Lao động - Thương binh và Xã hội", "BLĐTBXH"),
];

/// Division codes after the agency in công văn numbers (`123/STC-KHTC`).
pub const DIVISIONS: &[&str] = &[
    "KHTC", "VP", "TCCB", "QLNS", "KT", "NC", "VX", "TH", "CCHC", "TTr", "PC", "QLGCS",
];

/// Laws cited in `Căn cứ` lists.
pub const LAWS: &[&str] = &[
    "Ngân sách nhà nước",
    "Tổ chức chính quyền địa phương",
    "Ban hành văn bản quy phạm pháp luật",
    "Đầu tư công",
    "Cán bộ, công chức",
    "Viên chức",
    "Phòng, chống tham nhũng",
    "Tiếp công dân",
    "Khiếu nại",
    "Tố cáo",
    "Quản lý, sử dụng tài sản công",
    "Đấu thầu",
    "Thanh tra",
    "Kế toán",
];

/// What a cited document is about.
pub const ABOUTS: &[&str] = &[
    "về công tác văn thư",
    "quy định chi tiết một số điều của Luật Ngân sách nhà nước",
    "về việc ban hành Chương trình cải cách hành chính giai đoạn 2021 - 2025",
    "về tăng cường kỷ luật, kỷ cương hành chính",
    "hướng dẫn quản lý và sử dụng kinh phí",
    "về việc giao dự toán ngân sách nhà nước",
    "về đẩy mạnh chuyển đổi số",
    "quy định chế độ báo cáo định kỳ",
    "về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính",
    "về việc phê duyệt Đề án vị trí việc làm",
    "về công tác phòng, chống tham nhũng, tiêu cực",
    "về việc triển khai thực hiện nhiệm vụ trọng tâm",
];

/// Topics of documents.
pub const TOPICS: &[&str] = &[
    "công tác cải cách hành chính",
    "dự toán ngân sách nhà nước",
    "công tác phòng, chống tham nhũng",
    "công tác tiếp công dân, giải quyết khiếu nại, tố cáo",
    "công tác chuyển đổi số",
    "công tác phổ biến, giáo dục pháp luật",
    "Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
    "công tác thi đua, khen thưởng",
    "kế hoạch đầu tư công",
    "công tác quản lý, sử dụng tài sản công",
    "công tác kiểm soát thủ tục hành chính",
    "công tác thanh tra, kiểm tra",
    "công tác bảo vệ môi trường",
    "công tác đào tạo, bồi dưỡng cán bộ, công chức",
    "công tác thủy lợi và phòng chống thiên tai",
    "công tác văn hóa, thể thao và du lịch",
];

/// Verbs of body sentences (`đã … {topic}`).
pub const ACTIONS: &[&str] = &[
    "tổ chức triển khai",
    "chỉ đạo các phòng, đơn vị thực hiện",
    "ban hành văn bản hướng dẫn",
    "kiểm tra, đôn đốc việc thực hiện",
    "tổng hợp, báo cáo kết quả",
    "phối hợp với các cơ quan liên quan thực hiện",
];

/// Sentences without facts, in the register of the genre.
pub const FILLERS: &[&str] = &[
    "Công tác chỉ đạo, điều hành được thực hiện kịp thời, đúng quy định.",
    "Các đơn vị đã chủ động xây dựng kế hoạch, phân công nhiệm vụ cụ thể cho từng cán bộ, công chức.",
    "Việc ứng dụng công nghệ thông tin trong giải quyết thủ tục hành chính được đẩy mạnh, tạo thuận lợi cho người dân và doanh nghiệp.",
    "Tuy nhiên, việc triển khai ở một số đơn vị còn chậm, chưa đáp ứng yêu cầu đề ra.",
    "Nguyên nhân chủ yếu là do nguồn lực còn hạn chế, đội ngũ cán bộ làm công tác chuyên môn còn thiếu.",
    "Kỷ luật, kỷ cương hành chính được tăng cường, tinh thần trách nhiệm của đội ngũ cán bộ, công chức được nâng lên.",
    "Công tác tuyên truyền được thực hiện thường xuyên trên Cổng thông tin điện tử của tỉnh và các phương tiện thông tin đại chúng.",
    "Sự phối hợp giữa các cơ quan, đơn vị trong quá trình thực hiện nhiệm vụ đôi lúc chưa chặt chẽ.",
    "Hệ thống quản lý văn bản và điều hành được vận hành ổn định, 100% văn bản đi được ký số.",
    "Trong thời gian tới, tiếp tục rà soát, đơn giản hóa thủ tục hành chính, nâng cao chất lượng phục vụ.",
    "Đề nghị cấp có thẩm quyền quan tâm bố trí kinh phí để thực hiện các nhiệm vụ còn lại.",
    "Việc quản lý, sử dụng kinh phí bảo đảm đúng mục đích, tiết kiệm, hiệu quả.",
    "Đội ngũ cán bộ, công chức, viên chức cơ bản đáp ứng yêu cầu nhiệm vụ được giao.",
    "Công tác thanh tra, kiểm tra được tăng cường, kịp thời phát hiện và xử lý các sai phạm.",
];

/// Where money comes from.
pub const FUND_SOURCES: &[&str] = &[
    "ngân sách tỉnh",
    "ngân sách trung ương",
    "nguồn sự nghiệp được giao trong dự toán",
    "nguồn vốn đầu tư công trung hạn",
    "nguồn kinh phí không tự chủ",
    "nguồn xã hội hóa",
];

/// Counting phrases: verb and what is counted.
pub const COUNTS: &[(&str, &str)] = &[
    ("tiếp nhận", "hồ sơ"),
    ("giải quyết", "hồ sơ"),
    ("xử lý", "vụ việc"),
    ("tổ chức", "lớp tập huấn"),
    ("tiến hành", "cuộc thanh tra"),
    ("kiểm tra", "đơn vị"),
    ("tiếp", "lượt công dân"),
    ("phát hiện", "vụ vi phạm"),
    ("ban hành", "văn bản"),
    ("tiếp nhận", "đơn thư"),
];

/// Budget table lines: item and unit of measure.
pub const BUDGET_ITEMS: &[(&str, &str)] = &[
    ("Tổ chức hội nghị triển khai", "Hội nghị"),
    ("In ấn tài liệu tuyên truyền", "Cuốn"),
    ("Mua sắm máy vi tính để bàn", "Bộ"),
    ("Mua sắm máy in", "Cái"),
    ("Văn phòng phẩm", "Gói"),
    ("Bồi dưỡng báo cáo viên", "Người"),
    ("Thuê hội trường", "Ngày"),
    ("Tổ chức lớp tập huấn nghiệp vụ", "Lớp"),
    ("Xây dựng phần mềm quản lý", "Gói"),
    ("Chi phí đi lại, công tác phí", "Lượt"),
    ("Sửa chữa trụ sở làm việc", "Hạng mục"),
    ("Số hóa hồ sơ, tài liệu", "Trang"),
    ("Thuê đường truyền internet", "Tháng"),
    ("Khen thưởng tập thể", "Tập thể"),
    ("Khen thưởng cá nhân", "Người"),
    ("Biên soạn tài liệu", "Trang"),
];

/// Rows of statistics tables.
pub const UNITS_OF_WORK: &[&str] = &[
    "Văn phòng",
    "Phòng Tổ chức cán bộ",
    "Phòng Kế hoạch - Tài chính",
    "Thanh tra",
    "Phòng Quản lý ngân sách",
    "Trung tâm Phục vụ hành chính công",
    "UBND thành phố",
    "UBND thị xã",
    "UBND huyện miền núi",
    "UBND huyện đồng bằng",
    "Chi cục Quản lý chất lượng",
    "Trung tâm Công nghệ thông tin",
];

/// Top-level section titles.
pub const SECTION_TITLES: &[&str] = &[
    "TÌNH HÌNH TRIỂN KHAI VÀ KẾT QUẢ ĐẠT ĐƯỢC",
    "TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
    "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
    "KINH PHÍ THỰC HIỆN",
    "TỔ CHỨC THỰC HIỆN",
    "ĐỀ XUẤT, KIẾN NGHỊ",
];

/// Second-level headings.
pub const SUBSECTIONS: &[&str] = &[
    "Công tác chỉ đạo, điều hành",
    "Cải cách thể chế",
    "Cải cách thủ tục hành chính",
    "Cải cách tổ chức bộ máy hành chính nhà nước",
    "Cải cách chế độ công vụ",
    "Cải cách tài chính công",
    "Xây dựng và phát triển Chính quyền điện tử",
    "Công tác tuyên truyền",
    "Công tác kiểm tra, giám sát",
    "Kết quả giải ngân vốn đầu tư",
];

/// Roman numerals for sections and quarters.
pub const ROMAN: &[&str] = &[
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];

/// Who proposed a decision.
pub const PROPOSERS: &[&str] = &[
    "Chánh Văn phòng",
    "Trưởng phòng Kế hoạch - Tài chính",
    "Trưởng phòng Tổ chức cán bộ",
    "Giám đốc Sở Tài chính",
    "Giám đốc Sở Nội vụ",
];

/// Opening of article 1 of a decision.
pub const DECISION_VERBS: &[&str] = &[
    "Phê duyệt dự toán kinh phí thực hiện",
    "Ban hành kèm theo Quyết định này Kế hoạch thực hiện",
    "Giao nhiệm vụ và kinh phí thực hiện",
];

/// `Kính gửi:` addressees.
pub const ADDRESSEES: &[&str] = &[
    "Ủy ban nhân dân tỉnh",
    "Các sở, ban, ngành thuộc tỉnh",
    "UBND các huyện, thị xã, thành phố",
    "Bộ Nội vụ",
    "Sở Tài chính",
];

/// `Nơi nhận:` entries.
pub const RECIPIENTS: &[&str] = &[
    "UBND tỉnh (b/c)",
    "Sở Nội vụ",
    "Sở Tài chính",
    "Lãnh đạo Sở",
    "Các phòng, đơn vị thuộc Sở",
    "Cổng thông tin điện tử",
    "Bộ Nội vụ (b/c)",
    "Thường trực HĐND tỉnh",
];

/// Family names.
pub const FAMILY_NAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Thái",
];

/// Middle names.
pub const MIDDLE_NAMES: &[&str] = &[
    "Văn",
    "Thị",
    "Hữu",
    "Đức",
    "Minh",
    "Ngọc",
    "Thanh",
    "Quốc",
    "Xuân",
    "Thị Thu",
    "Công",
];

/// Given names.
pub const GIVEN_NAMES: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hằng", "Hùng", "Hương", "Lan", "Long", "Mai",
    "Nam", "Phúc", "Quang", "Sơn", "Thảo", "Thủy", "Trung", "Tuấn", "Việt", "Yến",
];
