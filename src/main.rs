//! The `spoluplan` command: serve, migrate, print the OpenAPI document.
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "spoluplan", version, about = "Spoluplán: komunitní plánování sociálních služeb")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start the server (API and web app).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Print the OpenAPI document as YAML.
    Openapi,
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
            api::db::migrate(&db).await?;
            tracing::info!("migrations applied");
        }
        Command::Serve => {
            api::telemetry::init();
            let config = api::config::Config::from_env()?;
            tracing::info!(?config, "starting");
            let app = api::Application::build(config).await?;
            tracing::info!(port = app.port(), "listening");
            app.run_until_stopped().await?;
        }
    }
    Ok(())
}
