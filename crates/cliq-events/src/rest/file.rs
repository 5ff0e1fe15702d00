//! Uploaded files: the result of `POST /files`.

use serde::{Deserialize, Serialize};

use crate::id::FileId;
use crate::message::Attachment;

/// An uploaded file, as `POST /files` returns it.
///
/// The reference shows no response body, so every field is optional. The id
/// is read from `id` or, as message attachments name it, `file_id`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct File {
    /// The file's id, such as `FILE_1234567890`.
    #[serde(default, alias = "file_id", skip_serializing_if = "Option::is_none")]
    pub id: Option<FileId>,
    /// The file name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The size in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// The MIME type, such as `application/pdf`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// Where the file can be downloaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl File {
    /// The file as a message attachment, when the upload returned its id.
    pub fn to_attachment(&self) -> Option<Attachment> {
        let id = self.id.clone()?;
        let attachment = Attachment::new(id);
        Some(match &self.name {
            Some(name) => attachment.name(name.clone()),
            None => attachment,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_id_under_either_name() -> Result<(), serde_json::Error> {
        for json in [r#"{"id": "FILE_1"}"#, r#"{"file_id": "FILE_1"}"#] {
            let file: File = serde_json::from_str(json)?;
            assert_eq!(file.id, Some(FileId::new("FILE_1")));
        }
        Ok(())
    }

    #[test]
    fn becomes_an_attachment_only_with_an_id() {
        let file = File {
            id: Some(FileId::new("FILE_1")),
            name: Some("proposal.pdf".to_owned()),
            ..File::default()
        };
        let expected = Attachment::new("FILE_1").name("proposal.pdf");
        assert_eq!(file.to_attachment(), Some(expected));
        assert_eq!(File::default().to_attachment(), None);
    }
}
