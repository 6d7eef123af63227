//! What a survey carries: its target groups, its questions, and the responses with their answers,
//! one row an entry. An answer row holds one chosen option (a multiple choice has a row per
//! option), one value or one text, so counts, means and medians are `GROUP BY` queries.

/// One target group a survey is for, by its code.
pub mod target_group {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "survey_target_groups")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub survey_id: Uuid,
        pub target_group_code: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// One question, in `position` order within its survey.
pub mod question {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    use crate::enums::QuestionKind;
    use crate::values::StringList;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "survey_questions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub survey_id: Uuid,
        pub position: i32,
        pub kind: QuestionKind,
        pub text: String,
        /// The options of a choice question, answered by their index.
        #[sea_orm(column_type = "JsonBinary")]
        pub options: StringList,
        /// The bounds of a scale (both set) or a number (either may be).
        pub min: Option<f64>,
        pub max: Option<f64>,
        pub required: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// One filled-in questionnaire.
pub mod response {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    use crate::enums::ResponseChannel;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "survey_responses")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub survey_id: Uuid,
        pub channel: ResponseChannel,
        /// The staff member who entered a paper or interview response; none for the web, which
        /// stays anonymous even when the person is signed in.
        pub entered_by: Option<Uuid>,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// One answer to one question: a chosen option, a value or a text.
pub mod answer {
    use sea_orm::entity::prelude::*;
    use serde::{Deserialize, Serialize};

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
    #[sea_orm(table_name = "survey_answers")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub response_id: Uuid,
        pub question_id: Uuid,
        pub option_index: Option<i32>,
        pub value: Option<f64>,
        pub text: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
