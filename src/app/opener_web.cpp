// The browser's EnvelopeOpener. Until the worker pool lands, batches are opened on the main
// thread, one per frame, which keeps the page responsive but uses one core.
#include <emscripten.h>

#include "ui/opener.h"

namespace parley::ui {
namespace {

class FrameOpener final : public EnvelopeOpener {
 public:
  void open(OpenBatch batch, std::function<void(OpenedBatch)> done) override {
    auto* job = new Job{std::move(batch), std::move(done)};
    emscripten_async_call(&FrameOpener::run, job, 0);  // never inside open()
  }
  int parallelism() const override { return 1; }

 private:
  struct Job {
    OpenBatch batch;
    std::function<void(OpenedBatch)> done;
  };
  static void run(void* arg) {
    auto* job = static_cast<Job*>(arg);
    auto done = std::move(job->done);
    OpenedBatch result = open_batch(job->batch);
    delete job;
    done(std::move(result));
  }
};

}  // namespace

std::unique_ptr<EnvelopeOpener> make_opener() { return std::make_unique<FrameOpener>(); }

}  // namespace parley::ui
