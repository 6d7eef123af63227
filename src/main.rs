//! The `spoluplan` command: serve, migrate, print the OpenAPI document, dump and restore, import.
use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "spoluplan", version, about = "Spoluplán: komunitní plánování sociálních služeb")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start the server (API and web app). It never creates a SQLite database on its own.
    Serve {
        /// A new installation: create the SQLite database if it does not exist yet.
        #[arg(long)]
        init: bool,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Print the OpenAPI document as YAML.
    Openapi,
    /// Create an admin account; the password is read from standard input (one line).
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Administrator")]
        name: String,
    },
    /// Load a data set into the configured database.
    #[command(subcommand)]
    Seed(Seed),
    /// Write every table of the database to FILE: one consistent snapshot, checksummed, readable
    /// by `restore` on SQLite or PostgreSQL.
    Dump { file: PathBuf },
    /// Load FILE (made by `dump`) into an empty database, after checking its checksum.
    Restore { file: PathBuf },
    /// Import an external data set into the configured database.
    #[command(subcommand)]
    Import(Import),
}

#[derive(Subcommand)]
enum Import {
    /// The national register of social service providers (RPSS): MPSV's open-data file rpss.json
    /// (or gzip of it). Providers become organizations, entries services; a second run of the same
    /// file changes nothing. Prints the summary as JSON.
    Rpss {
        file: PathBuf,
        /// Read and check the whole file and print the summary, writing nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// The register's code list of target groups (cilove-skupiny-osoby.json): each item gives its
    /// id to our group of the same name or becomes a new group, so the register import keeps every
    /// entry's target groups. Prints the summary as JSON.
    TargetGroups {
        file: PathBuf,
        /// Check the list and print the summary, writing nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand)]
enum Seed {
    /// The Czech demo data set (only into a database without plans).
    Demo,
    /// A large deterministic data set for benchmarks.
    Synthetic {
        #[arg(long, default_value_t = 100)]
        plans: usize,
        #[arg(long, default_value_t = 5)]
        goals_per_plan: usize,
        #[arg(long, default_value_t = 4)]
        measures_per_goal: usize,
        #[arg(long, default_value_t = 20)]
        comments: usize,
        /// Needs reported in the synthetic region's ORPs.
        #[arg(long, default_value_t = 0)]
        needs: usize,
    },
    /// A closed survey with public results and N generated responses, in the first territory
    /// (load the demo first); prints its id.
    Survey {
        #[arg(long, default_value_t = 10_000)]
        responses: usize,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Openapi => {
            print!("{}", api::document().to_yaml()?);
        }
        Command::Migrate => {
            api::telemetry::init();
            let config = api::config::Config::from_env()?;
            let db = api::db::connect(&config).await?;
            api::migrate(&db).await?;
            tracing::info!("migrations applied");
        }
        Command::CreateAdmin { email, name } => {
            api::telemetry::init();
            let config = api::config::Config::from_env()?;
            let db = api::db::connect(&config).await?;
            api::migrate(&db).await?;
            eprintln!("password for {email} (one line on standard input):");
            let mut password = String::new();
            std::io::stdin().read_line(&mut password)?;
            let password = password.trim_end_matches(['\r', '\n']);
            let hasher = api::credentials::passwords::PasswordHasher::default();
            match api::users::service::create_admin(
                &db,
                &api::caller::Caller::command_line("create-admin"),
                &hasher,
                &email,
                &name,
                password,
            )
            .await?
            {
                Some(user) => println!("admin {} created", user.email),
                None => anyhow::bail!("an account with the e-mail {email} already exists"),
            }
        }
        Command::Seed(seed) => {
            api::telemetry::init();
            let config = api::config::Config::from_env()?;
            let db = api::db::connect(&config).await?;
            api::migrate(&db).await?;
            match seed {
                Seed::Demo => {
                    let hasher = api::credentials::passwords::PasswordHasher::default();
                    let loaded = api::seed::demo::load(&db, &hasher).await.map_err(|e| anyhow::anyhow!("{e}"))?;
                    println!("{}", if loaded { "demo data loaded" } else { "the database already has plans; nothing loaded" });
                }
                Seed::Synthetic { plans, goals_per_plan, measures_per_goal, comments, needs } => {
                    let size = api::seed::synthetic::Size { plans, goals_per_plan, measures_per_goal, comments_per_plan: comments, needs };
                    let ids = api::seed::synthetic::load(&db, size).await.map_err(|e| anyhow::anyhow!("{e}"))?;
                    println!("{} synthetic plans loaded", ids.len());
                }
                Seed::Survey { responses } => {
                    let id = api::seed::surveys::load(&db, responses).await.map_err(|e| anyhow::anyhow!("{e}"))?;
                    println!("{id}");
                }
            }
        }
        Command::Dump { file } => {
            api::telemetry::init();
            let config = api::config::Config::from_env()?;
            let db = api::db::connect(&config).await?;
            let header = api::dump::dump(&db, &file).await?;
            let rows: u64 = header.tables.iter().map(|t| t.rows).sum();
            println!("{rows} rows of {} tables written to {}", header.tables.len(), file.display());
        }
        Command::Restore { file } => {
            api::telemetry::init();
            // The file is checked before the database is opened, so a damaged one changes nothing.
            let header = api::dump::verify(&file)?;
            let config = api::config::Config::from_env()?;
            let db = api::db::connect(&config).await?;
            api::dump::restore(&db, &file, &header).await?;
            let rows: u64 = header.tables.iter().map(|t| t.rows).sum();
            println!("{rows} rows of {} tables restored from {}", header.tables.len(), file.display());
        }
        Command::Import(Import::Rpss { file, dry_run }) => {
            api::telemetry::init();
            let source = std::fs::File::open(&file).map_err(|e| anyhow::anyhow!("cannot open {}: {e}", file.display()))?;
            let config = api::config::Config::from_env()?;
            let db = api::db::connect(&config).await?;
            api::migrate(&db).await?;
            let progress = indicatif::ProgressBar::new(source.metadata()?.len())
                .with_style(indicatif::ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {bytes_per_sec}, {eta} left")?);
            let options = api::register_import::service::Options { dry_run, limit: None };
            let actor = api::caller::Caller::command_line("import rpss");
            let imported = api::register_import::service::import(&db, &actor, progress.wrap_read(source), options).await;
            progress.finish_and_clear();
            report(&file, imported)?;
        }
        Command::Import(Import::TargetGroups { file, dry_run }) => {
            api::telemetry::init();
            let text = std::fs::read(&file).map_err(|e| anyhow::anyhow!("cannot open {}: {e}", file.display()))?;
            let list = report_refusal(&file, api::register_import::target_groups::read(&text))?;
            let config = api::config::Config::from_env()?;
            let db = api::db::connect(&config).await?;
            api::migrate(&db).await?;
            let actor = api::caller::Caller::command_line("import target-groups");
            report(&file, api::register_import::target_groups::import(&db, &actor, list, dry_run).await)?;
        }
        Command::Serve { init } => {
            api::telemetry::init();
            let config = api::config::Config::from_env()?;
            api::db::refuse_missing_database(&config.database_url, init)?;
            tracing::info!(?config, "starting");
            let app = api::Application::build(config).await?;
            tracing::info!(port = app.port(), mail = %app.mail_destination(), "listening");
            app.run_until_stopped().await?;
        }
    }
    Ok(())
}

/// Prints an import's summary as JSON, or says why `file` was refused whole.
fn report<T: serde::Serialize>(file: &std::path::Path, imported: Result<T, api::error::ApiError>) -> anyhow::Result<()> {
    let summary = report_refusal(file, imported)?;
    println!("{}", serde_json::to_string_pretty(&summary)?);
    Ok(())
}

/// What an import's step answered, or why `file` was refused whole.
fn report_refusal<T>(file: &std::path::Path, imported: Result<T, api::error::ApiError>) -> anyhow::Result<T> {
    match imported {
        Ok(done) => Ok(done),
        Err(api::error::ApiError::Validation(errors)) => {
            let problems: Vec<String> = errors.iter().map(|e| format!("{}: {}", e.field, e.message)).collect();
            anyhow::bail!("{} is not the register's file, nothing imported: {}", file.display(), problems.join("; "))
        }
        Err(e) => anyhow::bail!("{}: nothing imported: {e}", file.display()),
    }
}
