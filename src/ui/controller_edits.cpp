// What people type and choose, applied to the state: one exhaustive switch over the text fields
// (Field), one over the secret ones (SecretField), and one handler per kind of choice. Views
// emit these actions and never write the state themselves.
#include "client/answers.h"
#include "client/campaign_builder.h"
#include "ui/controller.h"
#include "ui/edition.h"

namespace parley::ui {

void Controller::on(const Edit& a) {
  BuilderForm& b = state_.builder;
  switch (a.field) {
    case Field::link: state_.link_input = a.text; return;
    case Field::answer_text:
      if (QuestionInput* in = at(state_.answers, a.index)) {
        in->text = a.text;
        edited(a.index);
      }
      return;
    case Field::mediation_what:
    case Field::mediation_who:
    case Field::mediation_outcome:
    case Field::mediation_contact: {
      MediationInput& m = state_.mediation;
      std::string& text = a.field == Field::mediation_what  ? m.what
                          : a.field == Field::mediation_who ? m.who
                          : a.field == Field::mediation_outcome ? m.outcome
                                                                 : m.contact;
      text = a.text;
      edited(-1);  // the mediation form: hints and the kept draft
      return;
    }
    case Field::key_label: state_.keys_form.label = a.text; return;
    case Field::campaign_title: b.title = a.text; return;
    case Field::campaign_intro: b.intro = a.text; return;
    case Field::question_text:
      if (QuestionDraft* q = at(b.questions, a.index)) q->text = a.text;
      return;
    case Field::question_options:
      if (QuestionDraft* q = at(b.questions, a.index)) q->options = a.text;
      return;
    case Field::mediator_key: b.mediator_key = a.text; return;
    case Field::mediator_label: b.mediator_label = a.text; return;
    case Field::trustee_keys: b.trustee_keys = a.text; return;
    case Field::trustee_label: b.trustee_label = a.text; return;
    case Field::invitation_count: state_.desk.count = a.text; return;
    case Field::storage_url: b.storage_url = a.text; return;
    case Field::s3_bucket_url: b.s3_bucket_url = a.text; return;
    case Field::s3_region: b.s3_region = a.text; return;
    case Field::s3_key_prefix: b.s3_key_prefix = a.text; return;
    case Field::s3_write_access_key: b.s3_access_key = a.text; return;
    case Field::k: b.k = typed_k(a.text); return;
    case Field::opens: b.opens = a.text; return;
    case Field::closes: b.closes = a.text; return;
    case Field::results_link: state_.session.link = a.text; return;
    case Field::s3_read_access_key: state_.session.s3_access_key = a.text; return;
    case Field::earlier_link: state_.earlier.link = a.text; return;
    case Field::request_note:
      if (InboxItem* item = at(state_.session.load.inbox, a.index)) item->note = a.text;
      return;
    case Field::conversation_link: state_.conversation.link = a.text; return;
    case Field::reply_text:
      if (kOrganisers && results_) results_->draft_reply(a.index, a.text);
      return;
    case Field::follow_up: state_.conversation.message = a.text; return;
  }
}

// A secret is taken only on the screen that asks for it, so the leave hooks always see it: text
// typed in the frame a person left (Escape, then a keystroke) does not outlive the screen.
void Controller::on(const EditSecret& a) {
  switch (a.field) {
    case SecretField::key_passphrase:
      if (state_.screen == Screen::keys) state_.keys_form.passphrase = a.text;
      return;
    case SecretField::key_repeat:
      if (state_.screen == Screen::keys) state_.keys_form.repeat = a.text;
      return;
    case SecretField::s3_write_secret_key:
      if (state_.screen == Screen::builder) state_.builder.s3_secret_key = a.text;
      return;
    case SecretField::unlock_passphrase:
      if (reads_results(state_.screen)) state_.session.passphrase = a.text;
      return;
    case SecretField::s3_read_secret_key:
      if (reads_results(state_.screen)) state_.session.s3_secret_key = a.text;
      return;
    case SecretField::phrase:
      if (state_.screen == Screen::conversation_open) state_.conversation.typed_phrase = a.text;
      return;
  }
}

void Controller::on(const AnswerNumber& a) {
  QuestionInput* in = at(state_.answers, a.index);
  if (!in || !state_.campaign) return;
  if (a.number != -1 && !takes_number(state_.campaign->questions[static_cast<std::size_t>(a.index)], a.number)) return;
  in->number = a.number;
  edited(a.index);
}

void Controller::on(const AnswerPicked& a) {
  QuestionInput* in = at(state_.answers, a.index);
  if (!in || a.option < 0 || static_cast<std::size_t>(a.option) >= in->picked.size()) return;
  in->picked[static_cast<std::size_t>(a.option)] = a.on;
  edited(a.index);
}

void Controller::on(const SetUrgency& a) {
  state_.mediation.urgency = a.urgency;
  edited(-1);
}

}  // namespace parley::ui
