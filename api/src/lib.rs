//! The Spoluplán HTTP application: configuration, storage, routes, the OpenAPI document.
pub mod access;
pub mod action_plans;
pub mod activities;
pub mod api_keys;
pub mod audit;
pub mod auth;
pub mod authors;
pub mod calendar;
pub mod caller;
pub mod clock;
pub mod comments;
pub mod config;
pub mod consultation;
pub mod credentials;
pub mod czech;
pub mod db;
pub mod deadline;
pub mod documents;
pub mod domain;
pub mod dump;
pub mod durable;
pub mod error;
pub mod events;
pub mod excel_csv;
pub mod goals;
pub mod health;
pub mod http;
pub mod labels;
pub mod lifecycle;
pub mod like;
pub mod measures;
pub mod meetings;
pub mod money;
pub mod needs;
pub mod open_data;
pub mod openapi;
pub mod organizations;
pub mod outbox;
pub mod pagination;
pub mod plans;
pub mod progress;
pub mod rate_limit;
pub mod reach;
pub mod readers;
pub mod register;
pub mod register_import;
pub mod render;
pub mod reports;
pub mod search;
pub mod seed;
pub mod service_kinds;
pub mod services;
pub mod state;
pub mod store;
pub mod subscriptions;
pub mod surveys;
pub mod target_groups;
pub mod telemetry;
pub mod territories;
pub mod users;
pub mod versions;
mod web_app;
pub mod webhooks;
pub mod working_groups;

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::{App, HttpServer, middleware, web};
use sea_orm::DatabaseConnection;
use tracing_actix_web::TracingLogger;
use utoipa::OpenApi;
use utoipa_actix_web::{AppExt, scope, service_config::ServiceConfig};

use crate::config::Config;
use crate::state::AppState;

/// The only place routes are listed.
fn routes(cfg: &mut ServiceConfig) {
    cfg.service(openapi::openapi_json);
    health::configure(cfg);
    auth::routes::configure(cfg);
    users::routes::configure(cfg);
    api_keys::routes::configure(cfg);
    working_groups::routes::configure(cfg);
    meetings::routes::configure(cfg);
    plans::routes::configure(cfg);
    versions::routes::configure(cfg);
    documents::routes::configure(cfg);
    reports::routes::configure(cfg);
    goals::routes::configure(cfg);
    measures::routes::configure(cfg);
    activities::routes::configure(cfg);
    action_plans::routes::configure(cfg);
    comments::routes::configure(cfg);
    consultation::routes::configure(cfg);
    territories::routes::configure(cfg);
    service_kinds::routes::configure(cfg);
    target_groups::routes::configure(cfg);
    organizations::routes::configure(cfg);
    services::routes::configure(cfg);
    register_import::routes::configure(cfg);
    needs::routes::configure(cfg);
    surveys::routes::configure(cfg);
    audit::routes::configure(cfg);
    webhooks::routes::configure(cfg);
    open_data::routes::configure(cfg);
    subscriptions::routes::configure(cfg);
    search::routes::configure(cfg);
}

/// Brings the schema up to date (the migrations) and the search index with it (built anew when
/// what it holds changed): on every start, and before every command that reads or writes data.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    db::migrate(db).await?;
    search::index::catch_up(db).await
}

/// The OpenAPI document of exactly the routes above.
pub fn document() -> utoipa::openapi::OpenApi {
    let (_, doc) =
        App::new().into_utoipa_app().openapi(openapi::ApiDoc::openapi()).service(scope("/api/v1").configure(routes)).split_for_parts();
    openapi::finish(doc)
}

pub struct Application {
    port: u16,
    server: Server,
    readiness: health::Readiness,
    drain: std::time::Duration,
    worker: outbox::worker::Worker,
    pub db: DatabaseConnection,
}

impl Application {
    /// Connects, migrates, bootstraps the admin and demo data, and binds.
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let db = db::connect(&config).await?;
        Self::build_with(config, db).await
    }

    pub async fn build_with(config: Config, db: DatabaseConnection) -> anyhow::Result<Self> {
        migrate(&db).await?;
        let readiness = health::monitor(&config.database_url).await?;
        let stopping = readiness.clone();
        let config = Arc::new(config);
        let state = AppState {
            db: db.clone(),
            jwt: Arc::new(credentials::tokens::JwtKeys::new(&config.jwt_secret, config.access_token_ttl)),
            passwords: Default::default(),
            limiter: Default::default(),
            outbox: outbox::Wake::default(),
            config: config.clone(),
        };
        let worker = outbox::worker::Worker::new(db.clone(), &config, state.outbox.clone())?;
        let verdict = web::Data::new(readiness);
        users::service::bootstrap_admin(&db, &config, &state.passwords).await?;
        if config.demo && seed::demo::load(&db, &state.passwords).await.map_err(|e| anyhow::anyhow!("demo data: {e}"))? {
            tracing::info!("demo data loaded");
        }
        let doc = document();
        let served = web::Data::new(openapi::Served(doc.to_json()?));
        let route_table = web::Data::new(http::RouteTable::from_openapi(&doc));
        let listener = TcpListener::bind(&config.bind)?;
        let port = listener.local_addr()?.port();
        let data = web::Data::new(state);
        let server = HttpServer::new(move || {
            let api = scope("/api/v1")
                .app_data(http::json_config())
                .app_data(http::path_config())
                .app_data(http::payload_config())
                .wrap(middleware::from_fn(durable::confirm_writes))
                .wrap(middleware::from_fn(deadline::bound))
                .wrap(middleware::from_fn(http::reject_undeclared_method))
                .configure(routes)
                .default_service(web::to(http::not_found));
            let app = App::new()
                .into_utoipa_app()
                .app_data(data.clone())
                .app_data(verdict.clone())
                .app_data(served.clone())
                .app_data(route_table.clone())
                .service(api)
                .into_app();
            web_app::mount(app, data.config.static_dir.as_deref())
                .wrap(middleware::from_fn(web_app::cache_control))
                .wrap(middleware::from_fn(health::close_when_draining))
                .wrap(middleware::from_fn(http::reject_nul_in_query))
                .wrap(web_app::cors(&data.config.cors_origins))
                .wrap(web_app::security_headers())
                .wrap(middleware::Compress::default())
                .wrap(middleware::from_fn(telemetry::request_id_header))
                .wrap(TracingLogger::default())
        })
        // A streamed answer (the register's CSV and HTML, the plan document) goes out in several
        // writes; with Nagle's algorithm on, each after the first waits for the client's delayed
        // ACK (up to 40 ms on Linux), which made those downloads three times slower than JSON.
        .on_connect(|connection, _| {
            if let Some(tcp) = connection.downcast_ref::<actix_web::rt::net::TcpStream>() {
                let _ = tcp.set_nodelay(true);
            }
        })
        .listen(listener)?
        .shutdown_timeout(30)
        // SIGTERM and SIGINT are ours (see `run_until_stopped`), so the drain comes first.
        .disable_signals()
        .run();
        Ok(Self { port, server, readiness: stopping, drain: config.shutdown_drain, worker, db })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Where the outbox sends mail, for the start-up log.
    pub fn mail_destination(&self) -> String {
        self.worker.destination()
    }

    /// Runs until SIGINT or SIGTERM (see `run_until`).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves and runs the outbox worker until `stop` completes. Then it drains before it stops:
    /// for `SPOLUPLAN_SHUTDOWN_DRAIN` readiness is 503 (load balancers stop sending) and every answer
    /// closes its connection, so clients move their next request to a new connection instead of
    /// sending it on one the server is about to close. Then the listener closes, in-flight requests
    /// get up to 30 s to finish, and the worker stops after the message it is sending, if any.
    pub async fn run_until(self, stop: impl std::future::Future<Output = ()> + Send + 'static) -> std::io::Result<()> {
        let (handle, readiness, drain) = (self.server.handle(), self.readiness, self.drain);
        let (stop_worker, stopping_worker) = tokio::sync::watch::channel(false);
        let worker = self.worker.spawn(stopping_worker);
        tokio::spawn(async move {
            stop.await;
            tracing::info!(?drain, "stopping: draining connections");
            readiness.drain();
            tokio::time::sleep(drain).await;
            handle.stop(true).await;
        });
        let served = self.server.await;
        let _ = stop_worker.send(true);
        if let Err(e) = worker.await {
            tracing::error!(error = %e, "the outbox worker failed");
        }
        served
    }
}

async fn shutdown_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut term), Ok(mut int)) = (signal(SignalKind::terminate()), signal(SignalKind::interrupt())) else {
        tracing::error!("cannot listen for SIGTERM/SIGINT; stop the server with SIGKILL");
        return std::future::pending().await;
    };
    tokio::select! {
        _ = term.recv() => {}
        _ = int.recv() => {}
    }
}
