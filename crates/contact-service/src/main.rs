//! `gazette-contact`: reads its configuration (README, "The contact service"), then serves until
//! stopped. A missing or unsafe setting stops it here, with the setting's name and the fix.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    gazette_contact::init_tracing();
    let config = match gazette_contact::Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("gazette-contact: {error}");
            return ExitCode::from(2);
        }
    };
    match gazette_contact::start(config).await {
        Ok(running) => {
            gazette_contact::shutdown_signal().await;
            running.stop().await;
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("gazette-contact: {error}");
            ExitCode::FAILURE
        }
    }
}
