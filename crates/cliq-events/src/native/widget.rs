//! A widget's view (`widget.view_handler`, `function.applet_button_handler`):
//! `{type: "applet", tabs, active_tab, data_type, sections, ...}`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A widget tab: `{id, label}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WidgetTab {
    /// The tab's id, sent back as `params.target.tab_id`.
    pub id: String,
    /// The label shown.
    pub label: String,
}

/// A widget section: `{id, elements, type?}`. Elements (`title`, `text`,
/// `buttons`, `table`, `fields`, …) are kept as JSON objects.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WidgetSection {
    /// The section's id, sent back as `params.target.section_id`.
    pub id: String,
    /// The elements, in order.
    #[serde(default)]
    pub elements: Vec<Map<String, Value>>,
    /// The section's type, where one is needed.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

impl WidgetSection {
    /// An empty section.
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            elements: Vec::new(),
            kind: None,
        }
    }

    /// Appends an element of `type` with its other fields.
    #[must_use]
    pub fn element(mut self, kind: &str, mut fields: Map<String, Value>) -> Self {
        fields.insert("type".to_owned(), Value::String(kind.to_owned()));
        self.elements.push(fields);
        self
    }

    /// Appends a `title` element.
    #[must_use]
    pub fn title(self, text: impl Into<String>) -> Self {
        self.text_element("title", text.into())
    }

    /// Appends a `text` element.
    #[must_use]
    pub fn text(self, text: impl Into<String>) -> Self {
        self.text_element("text", text.into())
    }

    fn text_element(self, kind: &str, text: String) -> Self {
        let fields = Map::from_iter([("text".to_owned(), Value::String(text))]);
        self.element(kind, fields)
    }
}

/// A widget's view. `info`, `web_view`, `map` and `form` views are set
/// with [`WidgetView::field`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename = "applet")]
pub struct WidgetView {
    /// The tabs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tabs: Vec<WidgetTab>,
    /// The id of the tab shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_tab: Option<String>,
    /// `sections`, `info`, `map`, `form` or `web_view`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_type: Option<String>,
    /// The sections of a `sections` view.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<WidgetSection>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl WidgetView {
    /// An empty view.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a tab.
    #[must_use]
    pub fn tab(mut self, id: impl Into<String>, label: impl Into<String>) -> Self {
        let (id, label) = (id.into(), label.into());
        self.tabs.push(WidgetTab { id, label });
        self
    }

    /// Sets the tab shown.
    #[must_use]
    pub fn active_tab(mut self, id: impl Into<String>) -> Self {
        self.active_tab = Some(id.into());
        self
    }

    /// Appends a section, making this a `sections` view.
    #[must_use]
    pub fn section(mut self, section: WidgetSection) -> Self {
        self.data_type = Some("sections".to_owned());
        self.sections.push(section);
        self
    }

    /// Sets a field not typed here (`info`, `web_view`, `map`, `form`).
    #[must_use]
    pub fn field(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.extra.insert(key.into(), value.into());
        self
    }
}
