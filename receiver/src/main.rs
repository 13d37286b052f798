//! `ask-expert-receiver`: start-up, the `serve` loop, and the editors' commands `list`,
//! `feedback`, `export` and `publish`.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use ask_expert_core::archive::Archive;
use ask_expert_core::wording::question_count;
use ask_expert_receiver::cli::{
    self, Cli, Command, ExportArgs, FeedbackArgs, ListArgs, PublishArgs, ServeArgs,
};
use ask_expert_receiver::{Config, Store, export, feedback, router};
use clap::{CommandFactory, Parser};

fn main() -> ExitCode {
    // Help and version exit with 0, mistakes on the command line with 2 (clap's own exit).
    match Cli::parse().command {
        None => {
            print!("{}", Cli::command().render_long_help());
            ExitCode::SUCCESS
        }
        Some(Command::Serve(args)) => report(serve(args)),
        Some(Command::List(args)) => report(list(args)),
        Some(Command::Feedback(args)) => report(show_feedback(args)),
        Some(Command::Export(args)) => report(export_csv(args)),
        Some(Command::Publish(args)) => report(publish(args)),
    }
}

fn report(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("ask-expert-receiver: {message}");
            ExitCode::FAILURE
        }
    }
}

fn serve(args: ServeArgs) -> Result<(), String> {
    let store = Store::open(&args.db).map_err(|e| format!("{}: {e}", args.db.display()))?;
    let config = Config {
        allow_origins: args.allow_origins.clone(),
        rate_limit: args.rate_limit,
        list_token: args.list_token.clone(),
        require_email: args.require_email,
        log_requests: true,
    };
    // The request log: `request{method=POST path=/questions}: 201 3ms` on stderr.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .without_time()
        .with_target(false)
        .with_level(false)
        .init();
    let app = router(Arc::new(store), config);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", args.addr))?;
        let local = listener.local_addr().map_err(|e| e.to_string())?;
        eprintln!("ask-expert-receiver: listening on http://{local}");
        eprintln!("  database: {}", args.db.display());
        eprintln!(
            "  allowed origins: {}",
            if args.allow_origins.is_empty() {
                "none".into()
            } else {
                args.allow_origins.join(", ")
            }
        );
        eprintln!(
            "  rate limit: {}",
            if args.rate_limit == 0 {
                "off".into()
            } else {
                format!(
                    "{} questions and {0} votes per client address per minute",
                    args.rate_limit
                )
            }
        );
        eprintln!(
            "  GET /questions and GET /feedback: {}",
            if args.list_token.is_some() {
                "enabled (bearer token)"
            } else {
                "disabled"
            }
        );
        eprintln!(
            "  email: {}",
            if args.require_email {
                "required"
            } else {
                "optional"
            }
        );
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("server error: {e}"))?;
        eprintln!("ask-expert-receiver: stopped");
        Ok(())
    })
}

/// Resolves on Ctrl-C or, on Unix, SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    eprintln!("ask-expert-receiver: shutting down, finishing requests in progress");
}

fn list(args: ListArgs) -> Result<(), String> {
    let store = Store::open_existing(&args.db).map_err(|e| e.to_string())?;
    let questions = store.list().map_err(|e| e.to_string())?;
    if args.json {
        let text = serde_json::to_string_pretty(&questions).map_err(|e| e.to_string())?;
        println!("{text}");
    } else if questions.is_empty() {
        println!("No questions stored in {}.", args.db.display());
    } else {
        print!("{}", cli::render_table(&questions));
    }
    Ok(())
}

fn show_feedback(args: FeedbackArgs) -> Result<(), String> {
    let store = Store::open_existing(&args.db).map_err(|e| e.to_string())?;
    let summary = feedback::summarize(&store.votes().map_err(|e| e.to_string())?);
    if args.json {
        let text = serde_json::to_string_pretty(&summary).map_err(|e| e.to_string())?;
        println!("{text}");
    } else if summary.is_empty() {
        println!("No feedback stored in {}.", args.db.display());
    } else {
        print!("{}", cli::render_feedback_table(&summary));
    }
    Ok(())
}

fn export_csv(args: ExportArgs) -> Result<(), String> {
    let store = Store::open_existing(&args.db).map_err(|e| e.to_string())?;
    let questions = store.unpublished().map_err(|e| e.to_string())?;
    let stdout = std::io::stdout().lock();
    export::write_csv(&questions, args.with_contact, stdout)
        .map_err(|e| format!("cannot write the CSV: {e}"))?;
    eprintln!(
        "ask-expert-receiver: exported {} not yet published",
        question_count(questions.len())
    );
    Ok(())
}

fn publish(args: PublishArgs) -> Result<(), String> {
    let source = std::fs::read_to_string(&args.archive)
        .map_err(|e| format!("{}: {e}", args.archive.display()))?;
    let archive =
        Archive::parse(&source).map_err(|e| format!("{}: {e}", args.archive.display()))?;
    let store = Store::open_existing(&args.db).map_err(|e| e.to_string())?;
    let publication = store
        .mark_published(archive.questions.iter().map(|q| q.id.as_str()))
        .map_err(|e| e.to_string())?;
    println!(
        "Marked {} as published ({} already marked).",
        question_count(publication.marked),
        publication.already
    );
    Ok(())
}
