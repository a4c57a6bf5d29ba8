//! Errors as the client sees them: a status and a JSON body, never a trace.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Response};
use serde::Serialize;
use utoipa::ToSchema;
use vanban_index::IndexError;

/// An error answer: `{"error": {"status": 404, "code": "not_found", "message": "…"}}`.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// Stable machine-readable code.
    pub code: &'static str,
    /// What went wrong, for a person.
    pub message: String,
}

/// The JSON body of an error.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// What went wrong.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// HTTP status code.
    pub status: u16,
    /// Stable code (`bad_parameter`, `not_found`, `query_too_long`, `index_unavailable`, `timeout`…).
    pub code: String,
    /// Explanation.
    pub message: String,
}

impl ApiError {
    /// An error with a status, a code and a message.
    pub fn new(status: StatusCode, code: &'static str, message: &str) -> ApiError {
        ApiError {
            status,
            code,
            message: message.to_string(),
        }
    }

    /// 400: a parameter is wrong.
    pub fn bad(message: &str) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_parameter", message)
    }

    /// 404.
    pub fn not_found(message: &str) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// 503: the index cannot answer now.
    pub fn unavailable(code: &'static str, message: &str) -> ApiError {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, code, message)
    }

    /// 500 without details (they go to the server's log).
    pub fn internal() -> ApiError {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "internal error (see the server's log)",
        )
    }

    /// The JSON body.
    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                status: self.status.as_u16(),
                code: self.code.to_string(),
                message: self.message.clone(),
            },
        }
    }

    /// The index's error as the client sees it; `None` for an internal one.
    pub(crate) fn from_index(e: &IndexError) -> Option<ApiError> {
        match e {
            IndexError::BadDate(_) => Some(ApiError::bad(&e.to_string())),
            IndexError::NotFound(what) => {
                Some(ApiError::not_found(&format!("not in the index: {what}")))
            }
            IndexError::NoIndex(_) => Some(ApiError::unavailable(
                "index_unavailable",
                "the index cannot be opened (has `vanban ingest` run?)",
            )),
            _ => None,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body())).into_response()
    }
}

/// What a read of the index can fail with: an answer already decided, or an
/// index error still to be classified (client's fault, or logged as internal).
#[derive(Debug)]
pub(crate) enum Failure {
    /// An error answer.
    Api(ApiError),
    /// The index failed.
    Index(IndexError),
}

impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Failure {
        Failure::Api(e)
    }
}

impl From<IndexError> for Failure {
    fn from(e: IndexError) -> Failure {
        Failure::Index(e)
    }
}
