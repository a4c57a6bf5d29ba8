//! What a generated document says: a report, plan, decision, submission, notice
//! or official letter in the genre of the seed corpus, with the facts planted in
//! it recorded as the document's truth.

use serde::Serialize;
use vanban_text::group_thousands;

use crate::rng::Rng;
use crate::vocab::*;

/// Which kind of document, and so which number code, type word and structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Báo cáo (BC).
    Report,
    /// Kế hoạch (KH).
    Plan,
    /// Quyết định (QĐ).
    Decision,
    /// Tờ trình (TTr).
    Submission,
    /// Thông báo (TB).
    Notice,
    /// Công văn: no type word, a `V/v` subject under the number.
    Letter,
    /// Nghị quyết (NQ), issued by a people's council.
    Resolution,
    /// Chỉ thị (CT).
    Directive,
}

impl Kind {
    /// The code in the document number (`123/BC-STC`); none for a công văn.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Report => "BC",
            Kind::Plan => "KH",
            Kind::Decision => "QĐ",
            Kind::Submission => "TTr",
            Kind::Notice => "TB",
            Kind::Letter => "CV",
            Kind::Resolution => "NQ",
            Kind::Directive => "CT",
        }
    }

    /// The type word printed as the title, as the header extractor names it.
    pub fn type_word(self) -> &'static str {
        match self {
            Kind::Report => "BÁO CÁO",
            Kind::Plan => "KẾ HOẠCH",
            Kind::Decision => "QUYẾT ĐỊNH",
            Kind::Submission => "TỜ TRÌNH",
            Kind::Notice => "THÔNG BÁO",
            Kind::Letter => "CÔNG VĂN",
            Kind::Resolution => "NGHỊ QUYẾT",
            Kind::Directive => "CHỈ THỊ",
        }
    }
}

/// One block of the body, in reading order.
#[derive(Debug, Clone)]
pub enum Block {
    /// A numbered heading (`I. …`, `1. …`); level 0 is the top.
    Heading {
        /// Heading text with its number.
        text: String,
        /// 0 for `I.`, 1 for `1.`, 2 for `a)`.
        level: u8,
    },
    /// A body paragraph.
    Paragraph {
        /// Paragraph text.
        text: String,
    },
    /// A centred bold line (`QUYẾT ĐỊNH:` before the articles of a decision).
    Centered {
        /// Line text.
        text: String,
    },
    /// A table with a header row.
    Table(Table),
}

/// A table: header, rows, and the share of the text width each column takes.
#[derive(Debug, Clone)]
pub struct Table {
    /// Column titles.
    pub header: Vec<String>,
    /// Body rows, each as long as the header.
    pub rows: Vec<Vec<String>>,
    /// Column widths as fractions of the text width (they sum to 1).
    pub widths: Vec<f32>,
    /// Columns whose cells are right-aligned numbers.
    pub numeric: Vec<bool>,
}

/// A case count planted in the text (`tiếp nhận 125 hồ sơ`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PlantedCount {
    /// The number.
    pub value: u64,
    /// What was counted.
    pub unit: String,
}

/// What a benchmark or test can expect to extract from a generated document.
#[derive(Debug, Clone, Serialize)]
pub struct Truth {
    /// Position of the document in the generated set.
    pub index: u64,
    /// Document kind code (`BC`, `KH`, `QĐ`, `TTr`, `TB`, `CV`, `NQ`, `CT`).
    pub kind_code: String,
    /// Type word as the header extractor names it (`BÁO CÁO`, `CÔNG VĂN` …).
    pub kind: String,
    /// The document's own number (`123/BC-STC`).
    pub number: String,
    /// Upper line of the agency block, when there is one.
    pub parent_agency: Option<String>,
    /// The issuing agency, as printed.
    pub agency: String,
    /// Place on the date line.
    pub place: String,
    /// Date of issue, ISO 8601.
    pub date: String,
    /// Subject line(s) joined with one space.
    pub subject: String,
    /// Name of the signer.
    pub signer: String,
    /// Signer's title (the last title line).
    pub signer_title: String,
    /// Distinct document numbers cited in the body, in first-mention order.
    pub cited: Vec<String>,
    /// Money amounts written in the body text, in đồng, in order.
    pub money_vnd: Vec<u64>,
    /// Case counts written in the body text, in order.
    pub counts: Vec<PlantedCount>,
    /// Periods written in the body text, as printed.
    pub periods: Vec<String>,
    /// Rows in the body's tables.
    pub table_rows: usize,
    /// The PDF prints the own number across two lines.
    pub number_split: bool,
    /// The DOCX is written in the legacy TCVN3 font `.VnTime`.
    pub docx_legacy_font: bool,
    /// Old-style tone placement (`hoà`, `Uỷ`) instead of the new (`hòa`, `Ủy`).
    pub old_tones: bool,
}

/// A generated document, ready to be written as PDF or DOCX.
#[derive(Debug, Clone)]
pub struct Report {
    /// Document kind.
    pub kind: Kind,
    /// Upper line of the agency block.
    pub parent_agency: Option<String>,
    /// Agency line (bold).
    pub agency: String,
    /// Own number as printed after `Số: `.
    pub number: String,
    /// The date line (`Quảng Nam, ngày 15 tháng 6 năm 2021`).
    pub date_line: String,
    /// Subject lines under the type word (or under the number for a công văn).
    pub subject_lines: Vec<String>,
    /// `Kính gửi: …` line of letters and submissions.
    pub addressee: Option<String>,
    /// Authority line of a decision (`GIÁM ĐỐC SỞ TÀI CHÍNH`).
    pub authority: Option<String>,
    /// The body.
    pub body: Vec<Block>,
    /// `Nơi nhận:` entries.
    pub recipients: Vec<String>,
    /// Title lines above the signature (`KT. GIÁM ĐỐC`, `PHÓ GIÁM ĐỐC`).
    pub signer_titles: Vec<String>,
    /// Signer's name.
    pub signer: String,
    /// What was planted.
    pub truth: Truth,
}

/// A document this one cites, with what its first mention prints.
struct Cited {
    kind_word: &'static str,
    number: String,
    /// First mention: kind, number, date, issuer, about.
    full: String,
}

/// Generation state of one document.
struct Ctx<'r> {
    rng: &'r mut Rng,
    year: i32,
    org: String,
    pool: Vec<Cited>,
    next_cite: usize,
    mentioned: Vec<bool>,
    truth_cited: Vec<String>,
    money: Vec<u64>,
    counts: Vec<PlantedCount>,
    periods: Vec<String>,
    table_rows: usize,
    /// Lines of text still to write to reach the target length.
    budget: f64,
}

/// Typical characters per printed line; used only to size documents.
const CHARS_PER_LINE: f64 = 72.0;
/// Typical printed lines per page, counting spacing; used only to size documents.
const LINES_PER_PAGE: f64 = 44.0;

/// Target length in pages: log-normal (median 3), clamped to 1–60, like archives
/// where most documents are short and a long tail runs to dozens of pages.
pub fn target_pages(rng: &mut Rng) -> u32 {
    let pages = (1.1 + 0.95 * rng.normal()).exp();
    pages.round().clamp(1.0, 60.0) as u32
}

/// Generates document `index` from its own generator.
pub fn generate_report(rng: &mut Rng, index: u64) -> Report {
    let pages = target_pages(rng);
    let year = rng.range(2010, 2025) as i32;
    let month = rng.range(1, 12) as u32;
    let day = rng.range(1, days_in_month(year, month) as u64) as u32;

    let kind = pick_kind(rng);
    let issuer = pick_issuer(rng, kind);
    let number = own_number(rng, kind, &issuer, year);
    let topic = rng.pick(TOPICS).to_string();
    let period = period_phrase(rng, year);

    let mut ctx = Ctx {
        rng,
        year,
        org: issuer.short.clone(),
        pool: Vec::new(),
        next_cite: 0,
        mentioned: Vec::new(),
        truth_cited: Vec::new(),
        money: Vec::new(),
        counts: Vec::new(),
        periods: Vec::new(),
        table_rows: 0,
        budget: f64::from(pages) * LINES_PER_PAGE - 24.0,
    };
    let pool_size = 6 + (pages as usize) * 3;
    for _ in 0..pool_size {
        let cited = cited_document(ctx.rng, year, &issuer);
        ctx.pool.push(cited);
        ctx.mentioned.push(false);
    }

    let subject = subject_line(ctx.rng, kind, &topic, &period, year);
    let subject_lines = split_subject(&subject);
    let (body, addressee, authority) = body_for(&mut ctx, kind, &issuer, &topic, &period);

    let (signer_titles, signer_title) = signer_titles(ctx.rng, &issuer, kind);
    let signer = person_name(ctx.rng);
    let recipients = recipients(ctx.rng, &issuer);
    let place = issuer.place.clone();
    let date_line = if ctx.rng.chance(0.5) && day < 10 {
        format!("{place}, ngày {day:02} tháng {month:02} năm {year}")
    } else {
        format!("{place}, ngày {day} tháng {month} năm {year}")
    };
    let number_split = ctx.rng.chance(0.04);
    let docx_legacy_font = ctx.rng.chance(0.04);
    let old_tones = ctx.rng.chance(0.3);

    let truth = Truth {
        index,
        kind_code: kind.code().to_string(),
        kind: kind.type_word().to_string(),
        number: number.clone(),
        parent_agency: issuer.parent.clone(),
        agency: issuer.caps.clone(),
        place,
        date: format!("{year:04}-{month:02}-{day:02}"),
        subject: subject_lines.join(" "),
        signer: signer.clone(),
        signer_title,
        cited: ctx.truth_cited,
        money_vnd: ctx.money,
        counts: ctx.counts,
        periods: ctx.periods,
        table_rows: ctx.table_rows,
        number_split,
        docx_legacy_font,
        old_tones,
    };
    let mut report = Report {
        kind,
        parent_agency: issuer.parent,
        agency: issuer.caps,
        number,
        date_line,
        subject_lines,
        addressee,
        authority,
        body,
        recipients,
        signer_titles,
        signer,
        truth,
    };
    if old_tones {
        report.map_text(old_tone_style);
    }
    report
}

impl Report {
    /// Rewrites every printed string (and the truth that quotes them) with `f`.
    fn map_text(&mut self, f: fn(&str) -> String) {
        let map_vec = |v: &mut Vec<String>| v.iter_mut().for_each(|s| *s = f(s));
        self.parent_agency = self.parent_agency.as_deref().map(f);
        self.agency = f(&self.agency);
        self.date_line = f(&self.date_line);
        map_vec(&mut self.subject_lines);
        self.addressee = self.addressee.as_deref().map(f);
        self.authority = self.authority.as_deref().map(f);
        map_vec(&mut self.recipients);
        map_vec(&mut self.signer_titles);
        self.signer = f(&self.signer);
        for block in &mut self.body {
            match block {
                Block::Heading { text, .. }
                | Block::Paragraph { text }
                | Block::Centered { text } => *text = f(text),
                Block::Table(t) => {
                    map_vec(&mut t.header);
                    t.rows.iter_mut().for_each(&map_vec);
                }
            }
        }
        let t = &mut self.truth;
        t.parent_agency = t.parent_agency.as_deref().map(f);
        t.agency = f(&t.agency);
        t.place = f(&t.place);
        t.subject = f(&t.subject);
        t.signer = f(&t.signer);
        t.signer_title = f(&t.signer_title);
        t.counts.iter_mut().for_each(|c| c.unit = f(&c.unit));
        map_vec(&mut t.periods);
    }
}

/// Old-style tone placement: in open syllables `oa`, `oe`, `uy` the mark sits on
/// the second vowel (`hoà`, `khoẻ`, `thuỷ`, `Uỷ`) instead of the first.
pub fn old_tone_style(s: &str) -> String {
    const FIRST: [(char, char, usize); 20] = [
        ('ó', 'o', 0),
        ('ò', 'o', 1),
        ('ỏ', 'o', 2),
        ('õ', 'o', 3),
        ('ọ', 'o', 4),
        ('ú', 'u', 0),
        ('ù', 'u', 1),
        ('ủ', 'u', 2),
        ('ũ', 'u', 3),
        ('ụ', 'u', 4),
        ('Ó', 'O', 0),
        ('Ò', 'O', 1),
        ('Ỏ', 'O', 2),
        ('Õ', 'O', 3),
        ('Ọ', 'O', 4),
        ('Ú', 'U', 0),
        ('Ù', 'U', 1),
        ('Ủ', 'U', 2),
        ('Ũ', 'U', 3),
        ('Ụ', 'U', 4),
    ];
    const SECOND: [(char, [char; 5]); 6] = [
        ('a', ['á', 'à', 'ả', 'ã', 'ạ']),
        ('e', ['é', 'è', 'ẻ', 'ẽ', 'ẹ']),
        ('y', ['ý', 'ỳ', 'ỷ', 'ỹ', 'ỵ']),
        ('A', ['Á', 'À', 'Ả', 'Ã', 'Ạ']),
        ('E', ['É', 'È', 'Ẻ', 'Ẽ', 'Ẹ']),
        ('Y', ['Ý', 'Ỳ', 'Ỷ', 'Ỹ', 'Ỵ']),
    ];
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let (Some(&(_, base, tone)), Some(&next)) =
            (FIRST.iter().find(|f| f.0 == c), chars.get(i + 1))
        {
            let open = chars.get(i + 2).is_none_or(|n| !n.is_alphabetic());
            let pair_ok = matches!(
                (base.to_ascii_lowercase(), next.to_ascii_lowercase()),
                ('o', 'a') | ('o', 'e') | ('u', 'y')
            );
            // `qu` + vowel is a consonant cluster, not the diphthong.
            let after_q = i > 0 && matches!(chars[i - 1], 'q' | 'Q');
            if open && pair_ok && !after_q {
                if let Some((_, toned)) = SECOND.iter().find(|s| s.0 == next) {
                    out.push(base);
                    out.push(toned[tone]);
                    i += 2;
                    continue;
                }
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn pick_kind(rng: &mut Rng) -> Kind {
    let r = rng.unit();
    match r {
        r if r < 0.40 => Kind::Report,
        r if r < 0.60 => Kind::Plan,
        r if r < 0.70 => Kind::Decision,
        r if r < 0.78 => Kind::Submission,
        r if r < 0.85 => Kind::Notice,
        r if r < 0.95 => Kind::Letter,
        r if r < 0.975 => Kind::Resolution,
        _ => Kind::Directive,
    }
}

/// Who issues the document.
struct Issuer {
    parent: Option<String>,
    /// Agency line in capitals.
    caps: String,
    /// Name in running text (`Sở Tài chính`).
    short: String,
    /// Abbreviation after the kind code (`STC`, `UBND`, `BTC`).
    abbr: String,
    /// Head's title (`GIÁM ĐỐC`), deputy's (`PHÓ GIÁM ĐỐC`), collective (`ỦY BAN NHÂN DÂN`).
    head: &'static str,
    deputy: &'static str,
    collective: Option<&'static str>,
    place: String,
    /// `tỉnh Quảng Nam` / `thành phố Đà Nẵng`, for references to the province.
    province_ref: String,
    ministry: bool,
}

fn pick_issuer(rng: &mut Rng, kind: Kind) -> Issuer {
    let province = rng.pick(PROVINCES);
    let (unit_word, unit_caps) = if province.city {
        ("thành phố", "THÀNH PHỐ")
    } else {
        ("tỉnh", "TỈNH")
    };
    let pcaps = province.name.to_uppercase();
    let place = province.place.unwrap_or(province.name).to_string();
    let province_ref = format!("{unit_word} {}", province.name);
    if kind == Kind::Resolution {
        return Issuer {
            parent: None,
            caps: format!("HỘI ĐỒNG NHÂN DÂN {unit_caps} {pcaps}"),
            short: format!("Hội đồng nhân dân {province_ref}"),
            abbr: "HĐND".into(),
            head: "CHỦ TỊCH",
            deputy: "PHÓ CHỦ TỊCH",
            collective: Some("HỘI ĐỒNG NHÂN DÂN"),
            place,
            province_ref,
            ministry: false,
        };
    }
    let r = rng.unit();
    if r < 0.2 {
        let m = rng.pick(MINISTRIES);
        Issuer {
            parent: None,
            caps: m.name.to_uppercase(),
            short: m.name.to_string(),
            abbr: m.abbr.to_string(),
            head: "BỘ TRƯỞNG",
            deputy: "THỨ TRƯỞNG",
            collective: None,
            place: "Hà Nội".into(),
            province_ref,
            ministry: true,
        }
    } else if r < 0.35 || kind == Kind::Directive {
        Issuer {
            parent: None,
            caps: format!("ỦY BAN NHÂN DÂN {unit_caps} {pcaps}"),
            short: format!("UBND {province_ref}"),
            abbr: "UBND".into(),
            head: "CHỦ TỊCH",
            deputy: "PHÓ CHỦ TỊCH",
            collective: Some("ỦY BAN NHÂN DÂN"),
            place,
            province_ref,
            ministry: false,
        }
    } else {
        let d = rng.pick(DEPARTMENTS);
        let parent = if rng.chance(0.7) {
            format!("UBND {unit_caps} {pcaps}")
        } else {
            format!("ỦY BAN NHÂN DÂN {unit_caps} {pcaps}")
        };
        Issuer {
            parent: Some(parent),
            caps: d.name.to_uppercase(),
            short: d.name.to_string(),
            abbr: d.abbr.to_string(),
            head: if d.name.starts_with("Thanh tra") {
                "CHÁNH THANH TRA"
            } else {
                "GIÁM ĐỐC"
            },
            deputy: if d.name.starts_with("Thanh tra") {
                "PHÓ CHÁNH THANH TRA"
            } else {
                "PHÓ GIÁM ĐỐC"
            },
            collective: None,
            place,
            province_ref,
            ministry: false,
        }
    }
}

fn serial(rng: &mut Rng) -> String {
    let n = if rng.chance(0.7) {
        rng.range(1, 999)
    } else {
        rng.range(1000, 4999)
    };
    if n < 10 && rng.chance(0.5) {
        format!("{n:02}")
    } else {
        n.to_string()
    }
}

fn own_number(rng: &mut Rng, kind: Kind, issuer: &Issuer, year: i32) -> String {
    let n = serial(rng);
    match kind {
        Kind::Letter => format!("{n}/{}-{}", issuer.abbr, rng.pick(DIVISIONS)),
        Kind::Resolution => format!("{n}/NQ-{}", issuer.abbr),
        Kind::Decision if issuer.abbr == "UBND" && rng.chance(0.25) => {
            format!("{n}/{year}/QĐ-UBND")
        }
        _ => format!("{n}/{}-{}", kind.code(), issuer.abbr),
    }
}

fn date_numeric(rng: &mut Rng, year: i32) -> String {
    let m = rng.range(1, 12) as u32;
    let d = rng.range(1, u64::from(days_in_month(year, m))) as u32;
    if rng.chance(0.5) {
        format!("{d:02}/{m:02}/{year}")
    } else {
        format!("{d}/{m}/{year}")
    }
}

fn legislature(year: i32) -> u32 {
    match year {
        ..=2011 => 12,
        2012..=2016 => 13,
        2017..=2021 => 14,
        _ => 15,
    }
}

/// A document the generated one cites, issued up to six years earlier.
fn cited_document(rng: &mut Rng, year: i32, issuer: &Issuer) -> Cited {
    let y = year - rng.range(0, 6) as i32;
    let y = y.max(2005);
    let date = date_numeric(rng, y);
    let about = rng.pick(ABOUTS);
    let n = serial(rng);
    let r = rng.unit();
    let (kind_word, number, issuer_name) = if r < 0.08 {
        let law = rng.pick(LAWS);
        let number = format!("{}/{y}/QH{}", rng.range(10, 99), legislature(y));
        let m = rng.range(1, 12);
        let d = rng.range(1, 28);
        let full = format!("Luật {law} số {number} ngày {d} tháng {m} năm {y}");
        return Cited {
            kind_word: "Luật",
            number,
            full,
        };
    } else if r < 0.22 {
        (
            "Nghị định",
            format!("{}/{y}/NĐ-CP", rng.range(1, 180)),
            "Chính phủ".to_string(),
        )
    } else if r < 0.32 {
        let m = rng.pick(MINISTRIES);
        (
            "Thông tư",
            format!("{}/{y}/TT-{}", rng.range(1, 120), m.abbr),
            m.name.to_string(),
        )
    } else if r < 0.35 {
        let a = rng.pick(MINISTRIES);
        let b = rng.pick(MINISTRIES);
        let pair = if a.abbr == b.abbr {
            format!("{}-BNV", a.abbr)
        } else {
            format!("{}-{}", a.abbr, b.abbr)
        };
        (
            "Thông tư liên tịch",
            format!("{}/{y}/TTLT-{pair}", rng.range(1, 60)),
            format!("{} và {}", a.name, b.name),
        )
    } else if r < 0.42 {
        let (word, code, body) = *rng.pick(&[
            ("Nghị quyết", "NQ", "Ban Chấp hành Trung ương"),
            ("Chỉ thị", "CT", "Ban Bí thư"),
            ("Kết luận", "KL", "Bộ Chính trị"),
            ("Nghị quyết", "NQ", "Bộ Chính trị"),
        ]);
        (
            word,
            format!("{}-{code}/TW", rng.range(1, 60)),
            body.to_string(),
        )
    } else if r < 0.50 {
        let (word, code) = *rng.pick(&[("Quyết định", "QĐ"), ("Chỉ thị", "CT")]);
        (
            word,
            format!("{n}/{code}-TTg"),
            "Thủ tướng Chính phủ".to_string(),
        )
    } else if r < 0.68 || issuer.ministry {
        let (word, code) = *rng.pick(&[
            ("Quyết định", "QĐ"),
            ("Kế hoạch", "KH"),
            ("Quyết định", "QĐ"),
            ("Chỉ thị", "CT"),
        ]);
        let number = if word == "Quyết định" && rng.chance(0.3) {
            format!("{}/{y}/QĐ-UBND", rng.range(1, 80))
        } else {
            format!("{n}/{code}-UBND")
        };
        (word, number, format!("UBND {}", issuer.province_ref))
    } else if r < 0.80 {
        let d = rng.pick(DEPARTMENTS);
        let (word, number) = if rng.chance(0.5) {
            (
                "Công văn",
                format!("{n}/{}-{}", d.abbr, rng.pick(DIVISIONS)),
            )
        } else {
            ("Kế hoạch", format!("{n}/KH-{}", d.abbr))
        };
        (word, number, d.name.to_string())
    } else if r < 0.88 {
        (
            "Công văn",
            format!("{n}/UBND-{}", rng.pick(DIVISIONS)),
            format!("UBND {}", issuer.province_ref),
        )
    } else {
        let own = if issuer.ministry {
            "UBND"
        } else {
            &issuer.abbr
        };
        let (word, code) =
            *rng.pick(&[("Kế hoạch", "KH"), ("Báo cáo", "BC"), ("Quyết định", "QĐ")]);
        (word, format!("{n}/{code}-{own}"), issuer.short.clone())
    };
    let full = format!("{kind_word} số {number} ngày {date} của {issuer_name} {about}");
    Cited {
        kind_word,
        number,
        full,
    }
}

impl Ctx<'_> {
    /// A citation: a new document on its first mention (with date and issuer),
    /// sometimes a short re-mention of one already cited.
    fn cite(&mut self) -> String {
        let fresh = self.next_cite < self.pool.len();
        if fresh && (self.next_cite == 0 || self.rng.chance(0.75)) {
            let i = self.next_cite;
            self.next_cite += 1;
            self.mention(i, true)
        } else {
            let i = self.rng.index(self.next_cite.max(1));
            self.mention(i, false)
        }
    }

    fn mention(&mut self, i: usize, full: bool) -> String {
        let c = &self.pool[i];
        if !self.mentioned[i] {
            self.mentioned[i] = true;
            if !self.truth_cited.contains(&c.number) {
                self.truth_cited.push(c.number.clone());
            }
        }
        if full {
            c.full.clone()
        } else {
            format!("{} số {}", c.kind_word, c.number)
        }
    }

    fn money(&mut self) -> String {
        let r = self.rng.unit();
        if r < 0.5 {
            let vnd = self.rng.range(5, 50_000) * 1_000_000 + self.rng.range(0, 9) * 100_000;
            self.money.push(vnd);
            let mut s = format!("{} đồng", group_thousands(u128::from(vnd)));
            if self.rng.chance(0.2) {
                s.push_str(&format!(" (Bằng chữ: {})", amount_in_words(vnd)));
            }
            s
        } else if r < 0.8 {
            let tenths = self.rng.range(11, 999);
            self.money.push(tenths * 100_000_000);
            if tenths.is_multiple_of(10) {
                format!("{} tỷ đồng", tenths / 10)
            } else {
                format!("{},{} tỷ đồng", tenths / 10, tenths % 10)
            }
        } else {
            let m = self.rng.range(10, 990);
            self.money.push(m * 1_000_000);
            format!("{m} triệu đồng")
        }
    }

    fn count(&mut self) -> String {
        let (verb, unit) = *self.rng.pick(COUNTS);
        let value = self.rng.range(2, 1500);
        self.counts.push(PlantedCount {
            value,
            unit: unit.to_string(),
        });
        format!("{verb} {value} {unit}")
    }

    fn period(&mut self) -> String {
        let y = self.year - self.rng.range(0, 1) as i32;
        let p = period_phrase(self.rng, y);
        self.periods.push(p.clone());
        p
    }

    fn spend(&mut self, text: &str) {
        self.budget -= (text.chars().count() as f64 / CHARS_PER_LINE).ceil() + 0.4;
    }

    fn para(&mut self, out: &mut Vec<Block>, text: String) {
        self.spend(&text);
        out.push(Block::Paragraph { text });
    }

    fn heading(&mut self, out: &mut Vec<Block>, text: String, level: u8) {
        self.budget -= 1.5;
        out.push(Block::Heading { text, level });
    }

    /// One sentence of body text, possibly carrying facts.
    fn sentence(&mut self, topic: &str) -> String {
        let org = self.org.clone();
        match self.rng.range(0, 11) {
            0 | 1 => {
                let r = self.cite();
                let act = self.rng.pick(ACTIONS);
                format!("Thực hiện {r}, {org} đã {act} {topic}.")
            }
            2 => {
                let r = self.cite();
                let filler = self.rng.pick(FILLERS);
                format!("{org} đã ban hành {r}; {}", lower_first(filler))
            }
            3 => {
                let p = self.period();
                let m = self.money();
                let src = self.rng.pick(FUND_SOURCES);
                format!("Tổng kinh phí thực hiện {topic} {p} là {m}, từ nguồn {src}.")
            }
            4 => {
                let m = self.money();
                let m2 = self.money();
                format!("Trong đó, đã giải ngân {m}; số kinh phí còn lại {m2} được chuyển nguồn sang năm sau theo quy định.")
            }
            5 | 6 => {
                let p = self.period();
                let c = self.count();
                let c2 = self.count();
                format!("Trong {p}, toàn ngành đã {c}, {c2}.")
            }
            7 => {
                let r = self.cite();
                let r2 = self.cite();
                format!("Căn cứ {r} và {r2}, các đơn vị đã xây dựng kế hoạch chi tiết để tổ chức thực hiện.")
            }
            8 => {
                let c = self.count();
                format!("Qua công tác kiểm tra, đã {c}, kịp thời chấn chỉnh các tồn tại, hạn chế.")
            }
            _ => self.rng.pick(FILLERS).to_string(),
        }
    }

    fn paragraph(&mut self, topic: &str) -> String {
        let n = self.rng.range(2, 5);
        let parts: Vec<String> = (0..n).map(|_| self.sentence(topic)).collect();
        parts.join(" ")
    }

    /// A `- Kế hoạch số …` list item.
    fn list_item(&mut self, topic: &str) -> String {
        let r = self.cite();
        let tail = self.rng.pick(ACTIONS);
        format!("- {r}; {tail} {topic}.")
    }

    fn table(&mut self, rows_wanted: usize) -> Table {
        let rows_wanted = rows_wanted.max(2);
        self.table_rows += rows_wanted + 1;
        self.budget -= (rows_wanted as f64 + 2.0) * 1.25 + 1.0;
        if self.rng.chance(0.6) {
            let mut rows = Vec::with_capacity(rows_wanted + 1);
            let mut total = 0u64;
            for i in 0..rows_wanted {
                let (item, unit) = *self.rng.pick(BUDGET_ITEMS);
                let qty = self.rng.range(1, 300);
                let price = self.rng.range(1, 500) * 50_000;
                total += qty * price;
                rows.push(vec![
                    (i + 1).to_string(),
                    item.to_string(),
                    unit.to_string(),
                    group_thousands(u128::from(qty)),
                    group_thousands(u128::from(price)),
                    group_thousands(u128::from(qty * price)),
                ]);
            }
            rows.push(vec![
                String::new(),
                "Tổng cộng".into(),
                String::new(),
                String::new(),
                String::new(),
                group_thousands(u128::from(total)),
            ]);
            Table {
                header: [
                    "STT",
                    "Nội dung",
                    "Đơn vị tính",
                    "Số lượng",
                    "Đơn giá",
                    "Thành tiền",
                ]
                .map(String::from)
                .to_vec(),
                rows,
                widths: vec![0.07, 0.35, 0.13, 0.12, 0.15, 0.18],
                numeric: vec![false, false, false, true, true, true],
            }
        } else {
            let mut rows = Vec::with_capacity(rows_wanted);
            for i in 0..rows_wanted {
                let received = self.rng.range(5, 2000);
                let done = self.rng.range(received / 2, received);
                let on_time = self.rng.range(done * 8 / 10, done);
                let rate = on_time as f64 * 100.0 / received.max(1) as f64;
                rows.push(vec![
                    (i + 1).to_string(),
                    self.rng.pick(UNITS_OF_WORK).to_string(),
                    group_thousands(u128::from(received)),
                    group_thousands(u128::from(done)),
                    group_thousands(u128::from(on_time)),
                    format!("{rate:.1}").replace('.', ","),
                ]);
            }
            Table {
                header: [
                    "STT",
                    "Đơn vị",
                    "Hồ sơ tiếp nhận",
                    "Đã giải quyết",
                    "Đúng hạn",
                    "Tỷ lệ (%)",
                ]
                .map(String::from)
                .to_vec(),
                rows,
                widths: vec![0.07, 0.37, 0.15, 0.15, 0.13, 0.13],
                numeric: vec![false, false, true, true, true, true],
            }
        }
    }
}

type BodyParts = (Vec<Block>, Option<String>, Option<String>);

fn body_for(ctx: &mut Ctx, kind: Kind, issuer: &Issuer, topic: &str, period: &str) -> BodyParts {
    let mut body = Vec::new();
    let mut addressee = None;
    let mut authority = None;
    match kind {
        Kind::Decision | Kind::Resolution => {
            authority = Some(match issuer.collective {
                Some(c) => format!("{c} {}", issuer.province_ref.to_uppercase()),
                None => format!("{} {}", issuer.head, issuer.caps),
            });
            let n = ctx.rng.range(3, 6);
            for _ in 0..n {
                let r = ctx.cite();
                ctx.para(&mut body, format!("Căn cứ {r};"));
            }
            let proposer = ctx.rng.pick(PROPOSERS);
            ctx.para(&mut body, format!("Theo đề nghị của {proposer}."));
            let word = if kind == Kind::Resolution {
                "QUYẾT NGHỊ:"
            } else {
                "QUYẾT ĐỊNH:"
            };
            ctx.budget -= 2.0;
            body.push(Block::Centered { text: word.into() });
            let mut article = 1;
            while ctx.budget > 6.0 || article <= 2 {
                let text = if article == 1 {
                    format!(
                        "Điều {article}. {} {topic} {period}.",
                        ctx.rng.pick(DECISION_VERBS)
                    )
                } else {
                    format!("Điều {article}. {}", ctx.paragraph(topic))
                };
                ctx.para(&mut body, text);
                if ctx.budget > 12.0 && ctx.rng.chance(0.5) {
                    let p = ctx.paragraph(topic);
                    ctx.para(&mut body, p);
                }
                if article == 1 && ctx.budget > 20.0 && ctx.rng.chance(0.5) {
                    let rows = table_rows_for(ctx);
                    let t = ctx.table(rows);
                    body.push(Block::Table(t));
                }
                article += 1;
            }
            ctx.para(
                &mut body,
                format!(
                    "Điều {article}. Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./."
                ),
            );
        }
        _ => {
            if matches!(kind, Kind::Letter | Kind::Submission) {
                addressee = Some(format!("Kính gửi: {}", ctx.rng.pick(ADDRESSEES)));
            }
            let org = issuer.short.clone();
            if kind == Kind::Plan && ctx.rng.chance(0.6) {
                for _ in 0..ctx.rng.range(2, 4) {
                    let r = ctx.cite();
                    ctx.para(&mut body, format!("Căn cứ {r};"));
                }
                ctx.para(
                    &mut body,
                    format!("{org} xây dựng Kế hoạch {topic} năm {} như sau:", ctx.year),
                );
            } else {
                let r = ctx.cite();
                let verb = match kind {
                    Kind::Report => "báo cáo kết quả thực hiện",
                    Kind::Submission => "kính trình xem xét, phê duyệt",
                    Kind::Notice => "thông báo",
                    _ => "triển khai",
                };
                let intro = format!("Thực hiện {r}, {org} {verb} {topic} {period} như sau:");
                ctx.para(&mut body, intro);
            }
            if kind == Kind::Letter && ctx.budget < 30.0 {
                // Short letters: a few paragraphs, no sections.
                while ctx.budget > 4.0 {
                    let p = ctx.paragraph(topic);
                    ctx.para(&mut body, p);
                }
            } else {
                let mut section = 0;
                while ctx.budget > 5.0 || section == 0 {
                    let title = SECTION_TITLES[section % SECTION_TITLES.len()];
                    let roman = ROMAN[section % ROMAN.len()];
                    ctx.heading(&mut body, format!("{roman}. {title}"), 0);
                    section += 1;
                    let subs = ctx.rng.range(1, 4);
                    for s in 0..subs {
                        let sub = ctx.rng.pick(SUBSECTIONS);
                        ctx.heading(&mut body, format!("{}. {sub}", s + 1), 1);
                        let paras = ctx.rng.range(1, 3);
                        for p in 0..paras {
                            if ctx.rng.chance(0.2) {
                                let letter = (b'a' + p as u8) as char;
                                let sub = ctx.rng.pick(SUBSECTIONS);
                                ctx.heading(&mut body, format!("{letter}) {sub}"), 2);
                            }
                            let text = ctx.paragraph(topic);
                            ctx.para(&mut body, text);
                            if ctx.rng.chance(0.25) {
                                for _ in 0..ctx.rng.range(2, 5) {
                                    let item = ctx.list_item(topic);
                                    ctx.para(&mut body, item);
                                }
                            }
                        }
                        if ctx.budget > 15.0 && ctx.rng.chance(0.15) {
                            let rows = table_rows_for(ctx);
                            let t = ctx.table(rows);
                            body.push(Block::Table(t));
                        }
                        if ctx.budget <= 0.0 {
                            break;
                        }
                    }
                }
            }
            let closing = match kind {
                Kind::Report => "Trên đây là báo cáo kết quả thực hiện của đơn vị./.",
                Kind::Plan => "Trong quá trình tổ chức thực hiện, nếu có khó khăn, vướng mắc, các đơn vị kịp thời phản ánh để được hướng dẫn, giải quyết./.",
                Kind::Submission => "Kính trình xem xét, quyết định./.",
                _ => "Đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện./.",
            };
            ctx.para(&mut body, closing.to_string());
        }
    }
    (body, addressee, authority)
}

/// Table length: usually a dozen rows; for long documents sometimes hundreds,
/// spanning pages, as price lists and budget annexes do.
fn table_rows_for(ctx: &mut Ctx) -> usize {
    let lines = ctx.budget.max(0.0);
    if lines > 120.0 && ctx.rng.chance(0.5) {
        ((lines * ctx.rng.range(40, 80) as f64 / 100.0) / 1.25) as usize
    } else {
        ctx.rng.range(3, 15) as usize
    }
}

fn period_phrase(rng: &mut Rng, y: i32) -> String {
    match rng.range(0, 5) {
        0 => format!("6 tháng đầu năm {y}"),
        1 => format!("quý {}/{y}", ROMAN[rng.index(4)]),
        2 => format!("từ ngày 01/01/{y} đến ngày 30/6/{y}"),
        3 => format!("9 tháng đầu năm {y}"),
        _ => format!("năm {y}"),
    }
}

fn subject_line(rng: &mut Rng, kind: Kind, topic: &str, period: &str, year: i32) -> String {
    match kind {
        Kind::Report => format!("Kết quả thực hiện {topic} {period}"),
        Kind::Plan => format!("Triển khai thực hiện {topic} năm {year}"),
        Kind::Decision => {
            format!("Về việc phê duyệt dự toán kinh phí thực hiện {topic} năm {year}")
        }
        Kind::Submission => {
            format!("Về việc đề nghị phê duyệt kinh phí thực hiện {topic} năm {year}")
        }
        Kind::Notice => format!("Kết luận của lãnh đạo về {topic} {period}"),
        Kind::Letter => format!(
            "V/v {} {topic}",
            rng.pick(&["triển khai", "báo cáo", "tăng cường"])
        ),
        Kind::Resolution => format!("Về việc thông qua {topic} năm {year}"),
        Kind::Directive => format!("Về việc tăng cường {topic}"),
    }
}

/// Splits a long subject into two lines at a word boundary near the middle.
fn split_subject(subject: &str) -> Vec<String> {
    let len = subject.chars().count();
    if len <= 60 {
        return vec![subject.to_string()];
    }
    let mid = subject
        .char_indices()
        .filter(|&(_, c)| c == ' ')
        .map(|(i, _)| i)
        .min_by_key(|&i| (i as i64 - subject.len() as i64 / 2).abs());
    match mid {
        Some(i) => vec![subject[..i].to_string(), subject[i + 1..].to_string()],
        None => vec![subject.to_string()],
    }
}

fn signer_titles(rng: &mut Rng, issuer: &Issuer, kind: Kind) -> (Vec<String>, String) {
    if let (Some(c), true) = (issuer.collective, kind != Kind::Letter && rng.chance(0.5)) {
        let title = if rng.chance(0.5) {
            issuer.head
        } else {
            issuer.deputy
        };
        let lead = if title == issuer.head {
            format!("TM. {c}")
        } else {
            format!("TM. {c}\nKT. {}", issuer.head)
        };
        let mut lines: Vec<String> = lead.split('\n').map(String::from).collect();
        lines.push(title.to_string());
        return (lines, title.to_string());
    }
    if rng.chance(0.55) {
        (
            vec![format!("KT. {}", issuer.head), issuer.deputy.to_string()],
            issuer.deputy.to_string(),
        )
    } else {
        (vec![issuer.head.to_string()], issuer.head.to_string())
    }
}

fn person_name(rng: &mut Rng) -> String {
    let family = rng.pick(FAMILY_NAMES);
    let middle = rng.pick(MIDDLE_NAMES);
    let given = rng.pick(GIVEN_NAMES);
    format!("{family} {middle} {given}")
}

fn recipients(rng: &mut Rng, issuer: &Issuer) -> Vec<String> {
    let mut out = vec!["- Như trên;".to_string()];
    let n = rng.range(1, 4);
    for _ in 0..n {
        let r = rng.pick(RECIPIENTS);
        let line = format!("- {r};");
        if !out.contains(&line) {
            out.push(line);
        }
    }
    out.push(format!("- Lưu: VT, {}.", rng.pick(DIVISIONS)));
    let _ = issuer;
    out
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

const DIGIT_WORDS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

/// Reads a group of three digits; `inner` groups keep `không trăm`/`linh`.
fn read_triple(n: u64, inner: bool) -> String {
    let (h, t, u) = (n / 100, (n / 10) % 10, n % 10);
    let mut parts: Vec<&str> = Vec::new();
    if h > 0 || inner {
        parts.push(DIGIT_WORDS[h as usize]);
        parts.push("trăm");
    }
    match t {
        0 if u > 0 && (h > 0 || inner) => {
            parts.push("linh");
            parts.push(DIGIT_WORDS[u as usize]);
        }
        0 => {
            if u > 0 {
                parts.push(DIGIT_WORDS[u as usize]);
            }
        }
        1 => {
            parts.push("mười");
            match u {
                0 => {}
                5 => parts.push("lăm"),
                _ => parts.push(DIGIT_WORDS[u as usize]),
            }
        }
        _ => {
            parts.push(DIGIT_WORDS[t as usize]);
            parts.push("mươi");
            match u {
                0 => {}
                1 => parts.push("mốt"),
                5 => parts.push("lăm"),
                _ => parts.push(DIGIT_WORDS[u as usize]),
            }
        }
    }
    parts.join(" ")
}

/// `1250000000` → `Một tỷ hai trăm năm mươi triệu đồng`, as in `(Bằng chữ: …)`.
pub fn amount_in_words(vnd: u64) -> String {
    if vnd == 0 {
        return "Không đồng".into();
    }
    let scales = ["", " nghìn", " triệu", " tỷ"];
    let mut groups = Vec::new();
    let mut n = vnd;
    while n > 0 {
        groups.push(n % 1000);
        n /= 1000;
    }
    let top = groups.len() - 1;
    let mut words = Vec::new();
    for (i, &g) in groups.iter().enumerate().rev() {
        if g == 0 {
            continue;
        }
        // Groups beyond tỷ repeat the scale cycle (nghìn tỷ).
        let scale = match i {
            0..=3 => scales[i].to_string(),
            _ => format!("{} tỷ", scales[i - 3]),
        };
        words.push(format!("{}{scale}", read_triple(g, i != top)));
    }
    let text = format!("{} đồng", words.join(" "));
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_the_vietnamese_way() {
        assert_eq!(
            amount_in_words(1_250_000_000),
            "Một tỷ hai trăm năm mươi triệu đồng"
        );
        assert_eq!(
            amount_in_words(5_015_100_000),
            "Năm tỷ không trăm mười lăm triệu một trăm nghìn đồng"
        );
        assert_eq!(amount_in_words(21_000_000), "Hai mươi mốt triệu đồng");
        assert_eq!(group_thousands(1_250_000_000), "1.250.000.000");
        assert_eq!(group_thousands(999), "999");
    }

    #[test]
    fn old_tones_move_the_mark_in_open_syllables_only() {
        assert_eq!(
            old_tone_style("CỘNG HÒA, Ủy ban, thủy lợi, hoàn thành, quý"),
            "CỘNG HOÀ, Uỷ ban, thuỷ lợi, hoàn thành, quý"
        );
        assert_eq!(old_tone_style("Thanh Hóa, khỏe"), "Thanh Hoá, khoẻ");
    }

    #[test]
    fn page_targets_are_skewed_towards_short_documents() {
        let mut rng = Rng::new(3);
        let pages: Vec<u32> = (0..5000).map(|_| target_pages(&mut rng)).collect();
        let short = pages.iter().filter(|&&p| p <= 5).count();
        assert!(short > 3000, "{short} of 5000 are ≤ 5 pages");
        assert!(pages.iter().any(|&p| p >= 30));
        assert!(pages.iter().all(|&p| (1..=60).contains(&p)));
    }
}
