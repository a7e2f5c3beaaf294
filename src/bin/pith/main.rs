//! `pith`: the command-line face of the library.
//!
//! ```text
//! pith extract [FILE|-] [--url URL] [--format json|html|text|markdown] [--front-matter] [--max-bytes N]
//! pith eval DATASET_DIR [--pred-dir DIR] [--json FILE] [--per-page] [--pages FILE] [--by FIELD]
//! pith bench PATH... [--repeat N]
//! ```

mod bench;
mod eval;
mod input;
mod meta_score;
mod score;

use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "pith", version, about = "Turns a cluttered web page into its article.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract the article of one page (a file, or stdin with `-` or no FILE; gzip accepted).
    Extract {
        file: Option<PathBuf>,
        /// The page's URL: relative links and images are resolved against it (default: the
        /// page's own canonical or og:url, when absolute).
        #[arg(long)]
        url: Option<String>,
        #[arg(long, value_enum, default_value_t = OutFormat::Json)]
        format: OutFormat,
        /// With `--format markdown`: the title, byline, date and source as YAML front matter
        /// (Obsidian-style) instead of lines under the title.
        #[arg(long)]
        front_matter: bool,
        #[arg(long, value_enum, default_value_t = FavorArg::Balanced)]
        favor: FavorArg,
        /// Refuse pages larger than this, before and after unpacking gzip (bytes; K, M, G suffixes).
        #[arg(long, value_name = "N", value_parser = input::parse_size, default_value = "32M")]
        max_bytes: usize,
    },
    /// Score extraction on a dataset with ground truth (token precision, recall, F1).
    Eval {
        dataset: PathBuf,
        /// Write each page's extracted text here as <id>.txt (for ../shared/eval/score.py) and
        /// its metadata as <id>.json (for ../shared/eval/meta_score.py).
        #[arg(long)]
        pred_dir: Option<PathBuf>,
        /// Print the metadata table: accuracy per field where the truth has a value, and how
        /// often a value is invented where it has none (the rules of meta_score.py).
        #[arg(long)]
        metadata: bool,
        /// Write the summary as JSON to this file.
        #[arg(long)]
        json: Option<PathBuf>,
        /// Print precision, recall and F1 of every page.
        #[arg(long)]
        per_page: bool,
        /// Write precision, recall and F1 of every page to this file (tab-separated, by id:
        /// the per-page results kept in tests/eval-pages/).
        #[arg(long, value_name = "FILE")]
        pages: Option<PathBuf>,
        /// Also report per value of this meta.jsonl field (e.g. page_type).
        #[arg(long)]
        by: Option<String>,
        /// Only the first N pages (by id).
        #[arg(long)]
        limit: Option<usize>,
        #[arg(long, value_enum, default_value_t = FavorArg::Balanced)]
        favor: FavorArg,
        /// Refuse pages larger than this, before and after unpacking gzip (bytes; K, M, G suffixes).
        #[arg(long, value_name = "N", value_parser = input::parse_size, default_value = "32M")]
        max_bytes: usize,
        /// Write each page's text blocks with their pruning-model features here (JSON lines),
        /// for scripts/train-models.py.
        #[arg(long, hide = true)]
        dump_units: Option<PathBuf>,
        /// Write each page's choice between its article and region readings here (features
        /// and both texts, JSON lines), for scripts/train-models.py.
        #[arg(long, hide = true)]
        dump_choice: Option<PathBuf>,
        /// Write each page's page-type features here (JSON lines), for scripts/train-models.py.
        #[arg(long, hide = true)]
        dump_page: Option<PathBuf>,
        /// Use these learned models (JSON, as scripts/train-models.py writes them for its folds)
        /// instead of the shipped ones.
        #[arg(long, hide = true)]
        models: Option<PathBuf>,
        /// Only the pages whose ids are listed in this file (one a line).
        #[arg(long, value_name = "FILE")]
        ids: Option<PathBuf>,
    },
    /// Time extraction over pages (files or directories of .html / .html.gz).
    Bench {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Extractions of each page.
        #[arg(long, default_value_t = 5)]
        repeat: usize,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum OutFormat {
    Json,
    Html,
    Text,
    /// The Markdown document: title, byline, date and source, then the body.
    Markdown,
    /// The whole page with what was removed marked (open it in a browser).
    Annotated,
}

#[derive(Clone, Copy, ValueEnum)]
enum FavorArg {
    Precision,
    Balanced,
    Recall,
}

impl From<FavorArg> for pith::Favor {
    fn from(f: FavorArg) -> Self {
        match f {
            FavorArg::Precision => pith::Favor::Precision,
            FavorArg::Balanced => pith::Favor::Balanced,
            FavorArg::Recall => pith::Favor::Recall,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract { file, url, format, front_matter, favor, max_bytes } => {
            if front_matter && !matches!(format, OutFormat::Markdown) {
                Err("--front-matter goes with --format markdown".to_string())
            } else {
                extract(file, url, format, front_matter, favor.into(), max_bytes)
            }
        }
        Command::Eval { dataset, pred_dir, metadata, json, per_page, pages, by, limit, favor, max_bytes, dump_units, dump_choice, dump_page, models, ids } => {
            let favor = favor.into();
            let args = eval::EvalArgs {
                dataset,
                pred_dir,
                json,
                per_page,
                pages,
                by,
                limit,
                favor,
                max_bytes,
                dump_units,
                dump_choice,
                dump_page,
                models,
                ids,
                metadata,
            };
            eval::run(&args).map(|_| ())
        }
        Command::Bench { paths, repeat } => bench::run(&paths, repeat),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("pith: {msg}");
            ExitCode::FAILURE
        }
    }
}

/// Makes the marks of an annotated page visible: removed blocks struck in red, kept ones
/// outlined in green.
fn with_marking_style(page: &str) -> String {
    const STYLE: &str = "<style>[data-pith-removed]{outline:2px solid #d33 !important;background:rgba(221,51,51,.12) !important;text-decoration:line-through}[data-pith-kept]{outline:2px solid #2a2 !important}</style>";
    match page.find("</head>") {
        Some(at) => format!("{}{STYLE}{}", &page[..at], &page[at..]),
        None => format!("{STYLE}{page}"),
    }
}

/// The library's error as the CLI says it: a page over the limit is told how to raise it.
pub fn error_message(e: pith::Error) -> String {
    match e {
        pith::Error::TooLarge { bytes, limit } => input::too_large(input::Size::Exact(bytes as u64), limit),
        e => e.to_string(),
    }
}

fn extract(
    file: Option<PathBuf>,
    url: Option<String>,
    format: OutFormat,
    front_matter: bool,
    favor: pith::Favor,
    max_bytes: usize,
) -> Result<(), String> {
    let path = file.filter(|p| p.as_os_str() != "-");
    let bytes = input::read_source(path.as_deref(), max_bytes)?;
    let html = input::decode(&bytes)?;
    let formats: &[pith::Format] = match format {
        OutFormat::Json => &[pith::Format::Html, pith::Format::Text, pith::Format::Markdown],
        OutFormat::Html => &[pith::Format::Html],
        OutFormat::Text => &[pith::Format::Text],
        OutFormat::Markdown => &[pith::Format::Markdown],
        OutFormat::Annotated => &[],
    };
    let mut options = pith::Options::default().with_formats(formats);
    options.url = url;
    options.favor = favor;
    options.annotate = matches!(format, OutFormat::Annotated);
    options.max_input_bytes = max_bytes;
    let article = pith::extract(&html, &options).map_err(error_message)?;
    let out = match format {
        OutFormat::Json => serde_json::to_string_pretty(&article).map_err(|e| e.to_string())?,
        OutFormat::Html => article.content_html.unwrap_or_default(),
        OutFormat::Text => article.text.unwrap_or_default(),
        OutFormat::Markdown => pith::markdown_document(&article, &pith::DocumentOptions { front_matter }),
        OutFormat::Annotated => with_marking_style(&article.annotated_html.unwrap_or_default()),
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`pith extract page.html | head`) is not an error worth a message.
    let _ = writeln!(stdout, "{}", out.trim_end());
    Ok(())
}
