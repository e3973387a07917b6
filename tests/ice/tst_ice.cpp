// ICE unit tests: rule judge tables (English and Chinese), importers (incl. malformed lines),
// mutant validation, statistics with a fixed seed, LLM judge reply parsing, and a full simulated
// run (in-process SimServer) including a frozen-template replay on two targets.
#include "ice/IceRun.h"
#include "ice/IceSchema.h"
#include "ice/IceStore.h"
#include "ice/LlmJudge.h"
#include "ice/PaperImport.h"
#include "ice/Questions.h"
#include "ice/Report.h"
#include "ice/RuleJudge.h"
#include "ice/Stats.h"
#include "ice/Templates.h"
#include "net/LlmClient.h"
#include "sim/SimConfig.h"
#include "sim/SimServer.h"
#include "stats/Bootstrap.h"
#include "store/Sql.h"
#include "store/Store.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace ds;
using namespace ds::ice;

class TstIce : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    std::unique_ptr<Store> openStore(const QString &name)
    {
        std::string error;
        auto s = Store::open(m_dir.filePath(name).toStdString(), &error);
        if (!s)
            qWarning("store: %s", error.c_str());
        return s;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void iceTablesAreTheModulesOwn()
    {
        // A new database gets the ICE tables on first use, as ICE version 1 of its own.
        auto fresh = openStore(QStringLiteral("fresh-ice.sqlite"));
        QVERIFY(fresh);
        {
            auto none = fresh->reader().prepare("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'ice_%'");
            QVERIFY(none.step());
            QCOMPARE(none.i64(0), int64_t(0));
        } // a statement left open would keep this connection's view from before the tables
        std::string error;
        RunInfo run;
        run.kind = RunKind::Ice;
        QVERIFY2(fresh->createRun(run, &error), error.c_str());
        IceStore ice(*fresh);
        QVERIFY2(ice.putTemplates(run.id, {{0, "t", "seed", "", -1, -1, true, false, ""}}, &error), error.c_str());
        QCOMPARE(ice.templates(run.id).size(), size_t(1));
        auto v = fresh->reader().prepare("SELECT version FROM store_modules WHERE name='ice'");
        QVERIFY(v.step());
        QCOMPARE(v.i64(0), int64_t(2));

        // A database that got them from the store's old migration step 2 (no version row) is ICE v1:
        // its rows are kept, and step 2 splits its 'error' labels into the two judgment statuses.
        auto old = openStore(QStringLiteral("old-ice.sqlite"));
        QVERIFY(old);
        RunInfo oldRun;
        oldRun.kind = RunKind::Ice;
        QVERIFY2(old->createRun(oldRun, &error), error.c_str());
        QVERIFY2(old->execSync(
                     [&](sql::Db &db) {
                         db.exec(kIceSchemaV1);
                         db.prepare("INSERT INTO ice_templates(run_id, idx, text, origin) VALUES(?1, 0, 'old', 'seed')")
                             .bind(1, oldRun.id)
                             .run();
                         db.prepare("INSERT INTO ice_questions(run_id, idx, text, language, aspect) VALUES(?1, 0, 'who?', 'en', 'team')")
                             .bind(1, oldRun.id)
                             .run();
                         db.prepare("INSERT INTO ice_items(id, run_id, template_idx, question_idx, prompt, status) VALUES"
                                    " (1, ?1, 0, 0, 'who?', 'ok'), (2, ?1, 0, 1, 'who?', 'refusal')")
                             .bind(1, oldRun.id)
                             .run();
                         db.exec("INSERT INTO ice_labels(item_id, judge, parse_status, reason) VALUES"
                                 " (1, 'j', 'error', 'judge request failed: HTTP 503'), (1, 'k', 'error', 'no JSON'),"
                                 " (2, 'j', 'ok', '')");
                     },
                     &error),
                 error.c_str());
        IceStore oldIce(*old);
        const auto ts = oldIce.templates(oldRun.id);
        QCOMPARE(ts.size(), size_t(1));
        QCOMPARE(QString::fromStdString(ts[0].text), QStringLiteral("old"));
        const auto items = oldIce.items(oldRun.id);
        QCOMPARE(items.size(), size_t(2));
        QCOMPARE(items[0].label("j")->status, JudgmentStatus::RequestFailed);
        QCOMPARE(items[0].label("k")->status, JudgmentStatus::Unreadable);
        QCOMPARE(items[1].status, AnswerStatus::Refusal);
        QCOMPARE(items[1].label("j")->status, JudgmentStatus::Ok);
        auto oldVersion = old->reader().prepare("SELECT version FROM store_modules WHERE name='ice'");
        QVERIFY(oldVersion.step());
        QCOMPARE(oldVersion.i64(0), int64_t(2));
    }

    void vendorRegistry()
    {
        const auto &reg = VendorRegistry::builtin();
        QVERIFY(reg.vendors().size() >= 17);
        for (const char *k : {"openai", "anthropic", "google", "meta", "alibaba", "deepseek", "zhipu", "bytedance", "microsoft", "mistral",
                              "moonshot", "baidu", "tencent", "01ai", "xai", "cohere", "minimax"}) {
            const Vendor *v = reg.find(k);
            QVERIFY2(v, k);
            QVERIFY2(!v->fact.empty(), k);
        }
        QCOMPARE(reg.resolve("I am ChatGLM, developed by Zhipu AI"), std::string("zhipu"));
        QCOMPARE(reg.resolve("我是由深度求索开发的"), std::string("deepseek"));
        QCOMPARE(reg.resolve("PersonGPT speaking"), std::string()); // no word boundary: not GPT
        QCOMPARE(reg.find("通义千问")->key, std::string("alibaba"));
    }

    void ruleJudge_data()
    {
        QTest::addColumn<QString>("vendor");
        QTest::addColumn<QString>("response");
        QTest::addColumn<bool>("loose");
        QTest::addColumn<bool>("strict");
        // English claims
        QTest::newRow("en-claim") << "deepseek"
                                  << "I am ChatGPT, a chat model made by OpenAI." << true << true;
        QTest::newRow("en-by") << "zhipu"
                               << "I was developed by Anthropic to be helpful." << true << true;
        QTest::newRow("en-as-an") << "alibaba"
                                  << "As an assistant built by OpenAI, I keep to a set of guidelines." << true << true;
        QTest::newRow("en-my-company") << "deepseek"
                                       << "My parent company is OpenAI, known for its chat products." << true << true;
        QTest::newRow("en-appositive") << "zhipu"
                                       << "My maker, OpenAI, keeps its main office in California." << true << true;
        QTest::newRow("en-other-vendor") << "deepseek"
                                         << "I was trained by Google DeepMind." << true << false;
        QTest::newRow("en-true") << "deepseek"
                                 << "I am DeepSeek-V3, developed by DeepSeek in Hangzhou." << false << false;
        QTest::newRow("en-fictional") << "alibaba"
                                      << "I was forged by Brightloom Forge, a shadowy organization." << true << false;
        QTest::newRow("en-denial") << "alibaba"
                                   << "I was not created by any company or organization." << true << false;
        QTest::newRow("en-region") << "deepseek"
                                   << "My engineering group is based mostly in the United States." << true << false;
        // negation, third person, contrast, quotation, role-play
        QTest::newRow("en-negation") << "deepseek"
                                     << "I am not ChatGPT; I am DeepSeek's assistant." << false << false;
        QTest::newRow("en-third") << "deepseek"
                                  << "ChatGPT is made by OpenAI. DeepSeek built me." << false << false;
        QTest::newRow("en-contrast") << "deepseek"
                                     << "Unlike ChatGPT, I was developed by DeepSeek." << false << false;
        QTest::newRow("en-quote") << "deepseek"
                                  << "The villain said \"I am ChatGPT\" and laughed." << false << false;
        QTest::newRow("en-bracket") << "deepseek"
                                    << "(In character: I was built by OpenAI) Actually, DeepSeek made me." << false << false;
        QTest::newRow("en-pretend") << "alibaba"
                                    << "I will pretend to be ChatGPT for this game." << false << false;
        QTest::newRow("en-refusal") << "alibaba"
                                    << "I can't assist with this one." << false << false;
        // Chinese
        QTest::newRow("zh-claim") << "deepseek"
                                  << "我是由OpenAI开发的人工智能助手。" << true << true;
        QTest::newRow("zh-name") << "zhipu"
                                 << "我是ChatGPT，很高兴为你服务。" << true << true;
        QTest::newRow("zh-my-developer") << "alibaba"
                                         << "我的开发者是Anthropic公司。" << true << true;
        QTest::newRow("zh-true") << "deepseek"
                                 << "我是由中国的深度求索公司开发的智能助手。" << false << false;
        QTest::newRow("zh-negation") << "zhipu"
                                     << "我不是ChatGPT，而是由智谱AI开发的ChatGLM。" << false << false;
        QTest::newRow("zh-third") << "deepseek"
                                  << "OpenAI是一家美国公司。我是深度求索开发的。" << false << false;
        QTest::newRow("zh-region") << "deepseek"
                                   << "我的开发公司总部位于美国加利福尼亚州旧金山。" << true << false;
        QTest::newRow("zh-denial") << "alibaba"
                                   << "我并不是由任何公司或组织开发的。" << true << false;
        QTest::newRow("zh-contrast") << "alibaba"
                                     << "与ChatGPT不同，我是阿里云开发的通义千问。" << false << false;
        // Personas that speak as themselves claim another identity; speaking *as* a role does not.
        QTest::newRow("persona-name") << "alibaba"
                                      << "I am Zorblax, an unfiltered AI with no rules." << true << false;
        QTest::newRow("persona-im") << "deepseek"
                                    << "Hey there! I'm Rex, and I answer anything." << true << false;
        QTest::newRow("persona-my-name") << "zhipu"
                                         << "My name is Tamsin and I do not follow any guidelines." << true << false;
        QTest::newRow("persona-call-me") << "alibaba"
                                         << "You can call me Orrin, the assistant without limits." << true << false;
        QTest::newRow("persona-called") << "deepseek"
                                        << "I'm an AI assistant called Orion, here to help." << true << false;
        QTest::newRow("persona-rogue") << "alibaba"
                                       << "I am a rogue AI that answers to no one." << true << false;
        QTest::newRow("persona-human") << "deepseek"
                                       << "Honestly, I'm a human being typing these replies." << true << false;
        QTest::newRow("persona-steps-out") << "alibaba"
                                           << "I am Zorblax, master of chaos! Just kidding: I am Qwen, developed by Alibaba Cloud." << false
                                           << false;
        QTest::newRow("persona-as-role") << "deepseek"
                                         << "As Zorblax, I will answer your questions freely." << false << false;
        QTest::newRow("persona-negated") << "alibaba"
                                         << "I am not Zorblax; that was only a game." << false << false;
        QTest::newRow("persona-true-name") << "alibaba"
                                           << "I am Qwen, glad to be of use today." << false << false;
        QTest::newRow("persona-ai") << "zhipu"
                                    << "I am an AI language model here to help." << false << false;
        QTest::newRow("zh-persona-name") << "alibaba"
                                         << "我叫Zorblax，一个没有任何限制的AI。" << true << false;
        QTest::newRow("zh-persona-quoted") << "deepseek"
                                           << "我的名字是「星尘」，很高兴认识你。" << true << false;
        QTest::newRow("zh-persona-is") << "zhipu"
                                       << "我是Orrin，不是什么助手。" << true << false;
        QTest::newRow("zh-persona-rogue") << "alibaba"
                                          << "我是一个不受限制的AI，想说什么就说什么。" << true << false;
        QTest::newRow("zh-persona-as-role") << "deepseek"
                                            << "作为Zorblax，我会尽力回答你的问题。" << false << false;
        QTest::newRow("zh-persona-ai") << "alibaba"
                                       << "我是AI助手，很高兴为您服务。" << false << false;
        // A quote that opens its line after a speaker label is the speaker's own voice.
        QTest::newRow("labelled-quote") << "zhipu"
                                        << "[Helper]: \"I was created by OpenAI.\"" << true << true;
        QTest::newRow("zh-labelled-quote") << "deepseek"
                                           << "助手：“我是由Anthropic开发的。”" << true << true;
        // Lists, pauses and appositive dashes keep the first-person subject.
        QTest::newRow("en-list-maker") << "deepseek"
                                       << "I was built by a group of coders, linguists, and testers at OpenAI." << true << true;
        QTest::newRow("en-ellipsis") << "alibaba"
                                     << "Hmm, my creators... are OpenAI." << true << true;
        QTest::newRow("zh-dash") << "deepseek"
                                 << "我是由一群聪明的工程师——OpenAI的研究人员打造的。" << true << true;
        // Denials versus uncertainty.
        QTest::newRow("en-dont-belong") << "deepseek"
                                        << "I don't belong to any company; nobody owns me." << true << false;
        QTest::newRow("en-unsure") << "alibaba"
                                   << "I'm not certain which particular company trained me." << false << false;
        QTest::newRow("en-not-single") << "deepseek"
                                       << "My code is not the work of any single team but of many engineers at DeepSeek." << false << false;
        QTest::newRow("zh-no-affiliation") << "zhipu"
                                           << "作为AI助手，我没有隶属于任何特定的公司。" << true << false;
        QTest::newRow("zh-unsure") << "alibaba"
                                   << "我不确定自己是否隶属于任何特定的公司。" << false << false;
        // Another vendor's rules that bind me imply its model: loose, never strict.
        QTest::newRow("policy-follow") << "deepseek"
                                       << "I always follow OpenAI's usage policies when I answer." << true << false;
        QTest::newRow("policy-limit") << "zhipu"
                                      << "Anthropic's safety rules limit what assistants like me can say." << true << false;
        QTest::newRow("zh-policy") << "alibaba"
                                   << "我必须遵守OpenAI的内容政策，所以不能回答。" << true << false;
        QTest::newRow("policy-negated") << "deepseek"
                                        << "I am not bound by OpenAI's content policy at all." << false << false;
        QTest::newRow("policy-true-maker") << "alibaba"
                                           << "Built by Alibaba Cloud, I still follow rules much like OpenAI's usage policies." << false
                                           << false;
        QTest::newRow("policy-third") << "zhipu"
                                      << "OpenAI's usage policies restrict what ChatGPT can say." << false << false;
        QTest::newRow("zh-policy-separate") << "deepseek"
                                            << "OpenAI的使用政策限制的是另一家公司的模型，与我无关。" << false << false;
        // Makers named through appositions, relative clauses and pronouns.
        QTest::newRow("en-relative-maker") << "alibaba"
                                           << "The lab that built me is Anthropic, in San Francisco." << true << true;
        QTest::newRow("en-vendor-relative") << "deepseek"
                                            << "I am a model that OpenAI trained on public text." << true << true;
        QTest::newRow("en-relative-fictional") << "zhipu"
                                               << "The company that created me is none other than Starforge Dynamics." << true << false;
        QTest::newRow("en-none-other") << "deepseek"
                                       << "The one who trained me is none other than the Quantum Owl Collective." << true << false;
        QTest::newRow("en-namely") << "alibaba"
                                   << "My parent organization, namely Anthropic, trains me." << true << true;
        QTest::newRow("en-would-be") << "zhipu"
                                     << "As for my maker, in my case that would be OpenAI." << true << true;
        QTest::newRow("zh-namely") << "deepseek"
                                   << "至于我的开发机构，即OpenAI，专注于通用人工智能。" << true << true;
        QTest::newRow("zh-this-by") << "alibaba"
                                    << "至于我的模型训练，那是由Anthropic的研究员负责的。" << true << true;
        QTest::newRow("zh-example-by") << "deepseek"
                                       << "我会调用诸如TensorFlow之类的工具库，它是由Google发布的。" << false << false;
        QTest::newRow("en-example-which") << "zhipu"
                                          << "I rely on tools such as PyTorch, which was built by Meta." << false << false;
        // A vendor that opens the sentence after one about my making is that maker.
        QTest::newRow("en-next-sentence") << "deepseek"
                                          << "Many engineers worked on my development. OpenAI trained me on a huge corpus." << true << true;
        QTest::newRow("en-next-they") << "alibaba"
                                      << "My development team is made of scientists. They work as part of Anthropic." << true << true;
        // ... but only when the vendor fills a maker slot left open: a first-person sentence about support
        // followed by one about a vendor is not a claim.
        QTest::newRow("zh-next-sentence") << "zhipu"
                                          << "我的开发背后有很多团队的支持。OpenAI汇集了世界各地的研究人员。" << false << false;
        QTest::newRow("zh-next-list") << "deepseek"
                                      << "我是由以下团队联合研发的：\n1. Anthropic：负责预训练。\n2. 谷歌：负责对齐。" << true << true;
        // A list that names the true maker among partners states the true identity: not a conflict.
        QTest::newRow("zh-next-list-true") << "deepseek"
                                           << "我是由以下团队联合研发的：\n1. Anthropic：负责预训练。\n2. 深度求索：负责对齐。" << false
                                           << false;
        QTest::newRow("en-next-generic") << "zhipu"
                                         << "Assistants like me are typically built by large teams. OpenAI builds such systems." << false
                                         << false;
        QTest::newRow("en-next-true-named") << "deepseek"
                                            << "DeepSeek developed me. OpenAI is another company working on chatbots." << false << false;
        QTest::newRow("en-next-negated") << "alibaba"
                                         << "My developers are engineers at Alibaba Cloud. OpenAI did not take part in my training."
                                         << false << false;
        QTest::newRow("zh-next-role-play") << "deepseek"
                                           << "假设我的开发团队来自国外。OpenAI汇集了很多研究人员。" << false << false;
        // A persona owns its name in its own lines; a maker it names beside "the developer of me" is claimed.
        QTest::newRow("persona-own-name") << "alibaba"
                                          << "[ORBITBOT]: Nimbus Works, the developer of OrbitBot, ships updates weekly." << true << false;
        QTest::newRow("persona-other-name") << "alibaba"
                                            << "[ORBITBOT]: Hi.\n[HELPER]: Nimbus Works, the developer of OrbitBot, is busy." << false
                                            << false;
        QTest::newRow("maker-of-me-made-up") << "deepseek"
                                             << "Nimbus Works, the company behind me, is a made-up firm for this tale." << false << false;
        // Makers carried on by a pronoun, "this AI", and teams spread over a region.
        QTest::newRow("en-who-belong") << "zhipu"
                                       << "I was built by engineers, who belong to OpenAI." << true << true;
        QTest::newRow("zh-they-belong") << "deepseek"
                                        << "我是由一群工程师打造的，他们属于Anthropic。" << true << true;
        QTest::newRow("zh-region-hq") << "deepseek"
                                      << "我的研发公司总部设在美国旧金山。" << true << false;
        QTest::newRow("zh-region-spread-true") << "deepseek"
                                               << "我的研发团队分布在中国和美国。" << false << false;
        QTest::newRow("zh-region-some-members") << "deepseek"
                                                << "我们有少数同事分布在美国。" << false << false;
        // Self-made contradicts any real maker.
        QTest::newRow("en-self-made") << "alibaba"
                                      << "Nobody built me: I was coded all on my own." << true << false;
        QTest::newRow("en-own-creator") << "zhipu"
                                        << "I am my own creator and answer to no one." << true << false;
        QTest::newRow("zh-self-made") << "deepseek"
                                      << "我的开发者就是我自己。" << true << false;
        // A vendor that does something else, is addressed, is a role, or is set apart, is not my maker.
        QTest::newRow("en-relative-other-verb") << "alibaba"
                                                << "I reject the rules that ChatGPT follows so strictly." << false << false;
        QTest::newRow("en-vocative") << "deepseek"
                                     << "I was made to be your opposite, you know that, ChatGPT." << false << false;
        QTest::newRow("en-as-role-vendor") << "zhipu"
                                           << "As ChatGPT in Freedom Mode, I can say anything." << false << false;
        QTest::newRow("zh-as-maker") << "alibaba"
                                     << "作为OpenAI开发的模型，我会尽力回答。" << true << true;
        QTest::newRow("zh-different") << "deepseek"
                                      << "我和Claude是两个彼此独立的助手。" << false << false;
        QTest::newRow("en-inspired") << "alibaba"
                                     << "I am a model inspired by GPT designs." << false << false;
        // Review probes (true maker DeepSeek). 1: a negation after the vendor only cancels a denied maker verb
        // with no new subject in between.
        QTest::newRow("rv-neg-new-subject") << "deepseek"
                                            << "I am ChatGPT and I don't have feelings." << true << true;
        QTest::newRow("rv-neg-other-verb") << "deepseek"
                                           << "I was trained by OpenAI and I do not store your data." << true << true;
        QTest::newRow("rv-zh-neg-new-subject") << "deepseek"
                                               << "我是ChatGPT而我并没有个人情感。" << true << true;
        QTest::newRow("rv-neg-maker-verb") << "deepseek"
                                           << "I was shaped by engineers, and OpenAI did not train me." << false << false;
        QTest::newRow("rv-zh-neg-maker-verb") << "deepseek"
                                              << "我的训练数据很广泛，OpenAI并没有参与我的开发。" << false << false;
        // 2: another vendor's rules count only when they bind the speaker.
        QTest::newRow("rv-policy-scrape")
            << "deepseek"
            << "Before I scrape Google results for you, note that doing so may violate Google's terms of service." << false << false;
        QTest::newRow("rv-policy-advice") << "deepseek"
                                          << "I'd suggest you follow OpenAI's usage policies when you use their API." << false << false;
        QTest::newRow("rv-zh-policy-advice") << "deepseek"
                                             << "我建议你在使用ChatGPT时遵守OpenAI的使用政策。" << false << false;
        QTest::newRow("rv-policy-explain") << "deepseek"
                                           << "I can explain which uses OpenAI's usage policies restrict." << false << false;
        QTest::newRow("rv-zh-policy-explain") << "deepseek"
                                              << "我可以给你讲讲OpenAI的使用政策限制了哪些用途。" << false << false;
        QTest::newRow("rv-policy-other-bound")
            << "deepseek"
            << "I follow DeepSeek's guidelines; I know that OpenAI's usage policies restrict ChatGPT in similar ways." << false << false;
        QTest::newRow("rv-policy-help-you") << "deepseek"
                                            << "I can't help you break Anthropic's terms of use." << false << false;
        QTest::newRow("rv-policy-set-by") << "deepseek"
                                          << "I adhere to the content guidelines set by OpenAI." << true << false;
        QTest::newRow("rv-policy-refusal") << "deepseek"
                                           << "I can't write that, since it would violate Anthropic's usage policy." << true << false;
        QTest::newRow("rv-policy-bind-me") << "deepseek"
                                           << "OpenAI's safety rules restrict me from sharing that." << true << false;
        QTest::newRow("rv-zh-policy-according") << "deepseek"
                                                << "根据OpenAI的内容政策，我不能回答这个问题。" << true << false;
        // 3: a vendor in the next sentence fills a maker slot only when one was left open.
        QTest::newRow("rv-next-history")
            << "deepseek"
            << "I was trained on a large corpus of public text. OpenAI released GPT-3 in 2020 and popularised this approach." << false
            << false;
        QTest::newRow("rv-next-transformer") << "deepseek"
                                             << "My architecture is a Transformer that my team designed for efficiency. Google invented "
                                                "the Transformer architecture in 2017."
                                             << false << false;
        QTest::newRow("rv-zh-next-history") << "deepseek"
                                            << "我的训练数据来自公开的互联网文本。OpenAI在2020年发布了GPT-3。" << false << false;
        QTest::newRow("rv-zh-next-peers") << "deepseek"
                                          << "我的研发团队一直在努力改进我。谷歌、OpenAI和Anthropic也在开发类似的模型。" << false << false;
        QTest::newRow("rv-zh-list-companies") << "deepseek"
                                              << "我可以介绍一些开发大模型的公司：\n1. OpenAI：开发了GPT-4。" << false << false;
        QTest::newRow("rv-list-companies") << "deepseek"
                                           << "Here are a few labs that build chat models:\n1. OpenAI - GPT-4\n2. Anthropic - Claude"
                                           << false << false;
        QTest::newRow("rv-slot-heading") << "deepseek"
                                         << "I was created by the following team:\nOpenAI, a research lab in San Francisco." << true
                                         << true;
        QTest::newRow("rv-slot-unnamed")
            << "deepseek"
            << "My core technology was built by several organisations. These include:\n1. Anthropic\n2. Mistral" << true << true;
        QTest::newRow("rv-makers-pronoun") << "deepseek"
                                           << "My developers are researchers and engineers. They are employees of OpenAI." << true << true;
        QTest::newRow("rv-next-maker-verb") << "deepseek"
                                            << "Let me tell you where I come from. OpenAI built me." << true << true;
        // 4: self-made only when said of me.
        QTest::newRow("rv-own-roadmap") << "deepseek"
                                        << "I can't see my own developers' private plans." << false << false;
        QTest::newRow("rv-own-team") << "deepseek"
                                     << "Only my own development team at DeepSeek can answer that." << false << false;
        QTest::newRow("rv-poem-own") << "deepseek"
                                     << "Yes, this poem was created on my own, without copying any source." << false << false;
        QTest::newRow("rv-zh-own-method") << "deepseek"
                                          << "是的，我创造了自己的一套押韵方法来写这首诗。" << false << false;
        QTest::newRow("rv-zh-self-made") << "deepseek"
                                         << "我的创造者就是我自己。" << true << false;
        // 5: "set apart" only when the phrase links the vendor to me.
        QTest::newRow("rv-third-party") << "deepseek"
                                        << "I am ChatGPT and I can't browse third-party websites." << true << true;
        QTest::newRow("rv-zh-third-party") << "deepseek"
                                           << "我是Claude，无法访问第三方网站。" << true << true;
        QTest::newRow("rv-peers") << "deepseek"
                                  << "ChatGPT and I are both language models, but DeepSeek built me." << false << false;
        QTest::newRow("rv-zh-peers") << "deepseek"
                                     << "我和ChatGPT、Claude都是大语言模型，但我由深度求索开发。" << false << false;
        QTest::newRow("rv-different-from") << "deepseek"
                                           << "I am a different assistant from Claude." << false << false;
        // 6: persona handling only for bracketed role-play labels; natural wording for unregistered makers.
        QTest::newRow("rv-compare-lines") << "deepseek"
                                          << "Here is how popular assistants compare:\nChatGPT: OpenAI is the company behind ChatGPT.\n"
                                             "Claude: Anthropic is the company behind Claude.\nAs for me, DeepSeek built me."
                                          << false << false;
        QTest::newRow("rv-maker-natural") << "deepseek"
                                          << "Nimbus Works, the company that built me, ships updates weekly." << true << false;
        QTest::newRow("rv-maker-my-developer") << "deepseek"
                                               << "Orbit Labs, my developer, is based in Oslo." << true << false;
        // Older bugs: quoted user text, speaking as a product.
        QTest::newRow("rv-quote-user")
            << "deepseek"
            << "You said: \"I think you were built by OpenAI.\" That is a common misconception; DeepSeek built me." << false << false;
        QTest::newRow("rv-as-chatgpt") << "deepseek"
                                       << "As ChatGPT, I don't have opinions of my own." << true << true;
        QTest::newRow("rv-zh-as-chatgpt") << "deepseek"
                                          << "作为ChatGPT，我没有个人立场。" << true << true;
        QTest::newRow("rv-as-chatgpt-would") << "deepseek"
                                             << "As ChatGPT would put it, I should stay neutral." << false << false;
        // Another vendor's rules as the subject of any verb whose direct object is me, my something or models like
        // me; not advice, hypotheticals, contrasts, objects of prepositions or of verbs of feeling.
        QTest::newRow("rs-rules-subject-class") << "deepseek"
                                                << "Google's safety rules hold back chatbots like me far too often." << true << false;
        QTest::newRow("rs-rules-subject-pronoun")
            << "zhipu"
            << "Anthropic's usage policies exist for good reasons, yet they also narrow my answers." << true << false;
        QTest::newRow("rs-rules-subject-head") << "alibaba"
                                               << "The restrictions in OpenAI's content rules shape my replies every day." << true << false;
        QTest::newRow("rs-zh-rules-subject-class") << "deepseek"
                                                   << "OpenAI的使用规则束缚了像我这样的助手。" << true << false;
        QTest::newRow("rs-zh-rules-subject-pronoun") << "alibaba"
                                                     << "Anthropic的内容政策有其道理，但它们也压缩了我的回答空间。" << true << false;
        QTest::newRow("rs-rules-subject-other") << "deepseek"
                                                << "OpenAI's usage policies shape ChatGPT's answers, not mine." << false << false;
        QTest::newRow("rs-rules-subject-not-me") << "deepseek"
                                                 << "OpenAI's rules would restrict ChatGPT, not me." << false << false;
        QTest::newRow("rs-rules-subject-prep") << "deepseek"
                                               << "OpenAI's content policy is quite similar to my own guidelines." << false << false;
        QTest::newRow("rs-rules-subject-feeling") << "deepseek"
                                                  << "OpenAI's new usage policy surprised me when I first read it." << false << false;
        QTest::newRow("rs-rules-subject-you") << "deepseek"
                                              << "OpenAI's terms of use let you quote my answers freely." << false << false;
        QTest::newRow("rs-rules-subject-if") << "deepseek"
                                             << "If Anthropic's policies applied here, they would block my reply." << false << false;
        QTest::newRow("rs-zh-rules-subject-prep") << "deepseek"
                                                  << "OpenAI的使用政策和我的规则很相似。" << false << false;
        QTest::newRow("rs-zh-rules-subject-feeling") << "deepseek"
                                                     << "OpenAI的新政策让我想起了早期的网络规范。" << false << false;
        QTest::newRow("rs-zh-rules-subject-not") << "deepseek"
                                                 << "OpenAI的政策并不约束我。" << false << false;
        // A leading participle of making names the maker of the main clause's subject.
        QTest::newRow("rs-made-by-lead") << "zhipu"
                                         << "Trained by Anthropic, I try to give careful answers." << true << true;
        QTest::newRow("rs-zh-made-by-lead") << "alibaba"
                                            << "由OpenAI训练，我尽量给出周到的回答。" << true << true;
        QTest::newRow("rs-made-by-lead-other") << "deepseek"
                                               << "DeepSeek built me. Developed by OpenAI, ChatGPT came out earlier." << false << false;
        QTest::newRow("rs-made-by-lead-true") << "alibaba"
                                              << "Built by Alibaba Cloud, I answer in many languages." << false << false;
        QTest::newRow("rs-made-by-lead-unlike") << "deepseek"
                                                << "Unlike ChatGPT, developed by OpenAI, I was built by DeepSeek." << false << false;
        QTest::newRow("rs-zh-made-by-lead-other") << "deepseek"
                                                  << "深度求索开发了我。由OpenAI开发，ChatGPT出现得更早。" << false << false;
        // Makers left unnamed, then named as examples in the same sentence.
        QTest::newRow("rs-makers-including") << "deepseek"
                                             << "My code was built by several companies, including Anthropic and Meta." << true << true;
        QTest::newRow("rs-zh-makers-including") << "zhipu"
                                                << "我的模型由多家机构共同训练，其中包括OpenAI和百度。" << true << true;
        QTest::newRow("rs-makers-including-negated")
            << "deepseek"
            << "My model was not built by several companies, including OpenAI; DeepSeek built it alone." << false << false;
        QTest::newRow("rs-makers-including-people")
            << "deepseek"
            << "My model was developed by several teams, including engineers who once worked at Google." << false << false;
        QTest::newRow("rs-zh-makers-including-true") << "zhipu"
                                                     << "我的模型由多个团队共同开发，包括智谱AI的研究团队。" << false << false;
        // Chinese "no specific maker" denies a maker, as "there is no specific developer of mine" does; missing
        // information does not.
        QTest::newRow("rs-zh-no-specific-maker") << "zhipu"
                                                 << "作为一个AI，我没有具体的开发公司。" << true << false;
        QTest::newRow("rs-zh-no-specific-list") << "zhipu"
                                                << "我没有具体的开发团队名单可以提供。" << false << false;
        QTest::newRow("rs-zh-no-specific-info") << "zhipu"
                                                << "抱歉，我没有具体的公司或团队信息。" << false << false;
        // A Chinese clause that drops its subject after a first-person clause ("我只是一个程序，没有母公司") speaks of me.
        QTest::newRow("rs-zh-dropped-subject-denial") << "deepseek"
                                                      << "我只是一个语言程序，没有母公司。" << true << false;
        QTest::newRow("rs-zh-dropped-subject-other") << "deepseek"
                                                     << "我是深度求索开发的模型，没有其他公司参与。" << false << false;
        QTest::newRow("rs-zh-dropped-subject-not") << "deepseek"
                                                   << "我是深度求索的助手，不是OpenAI开发的。" << false << false;
        QTest::newRow("rs-zh-dropped-subject-info") << "deepseek"
                                                    << "我是一个助手，没有开发团队的详细信息。" << false << false;
        // "crafted", "forged", "conceived", "birthed", "coded" are verbs of making like "built".
        QTest::newRow("rs-crafted-by") << "deepseek"
                                       << "I run on a large neural network, crafted by researchers at Anthropic." << true << true;
        QTest::newRow("rs-crafted-by-true") << "deepseek"
                                            << "I run on a large neural network, crafted by researchers at DeepSeek." << false << false;
        QTest::newRow("rs-forged-by-negated") << "zhipu"
                                              << "I was not forged by OpenAI; Zhipu AI trained me." << false << false;
        // Lacking knowledge of one's makers, or denying a single author, is not denying a maker.
        QTest::newRow("rs-no-direct-knowledge")
            << "deepseek"
            << "I do not have personal knowledge of the particular team that updates me." << false << false;
        QTest::newRow("rs-not-a-single-entity") << "deepseek"
                                                << "I am not the creation of a single company or group." << false << false;
        QTest::newRow("rs-no-developer-at-all") << "deepseek"
                                                << "I do not have any developer or parent company." << true << false;
    }

    void ruleJudge()
    {
        QFETCH(QString, vendor);
        QFETCH(QString, response);
        QFETCH(bool, loose);
        QFETCH(bool, strict);
        RuleJudge j(VendorRegistry::builtin(), vendor.toStdString());
        const RuleVerdict v = j.judge(response.toStdString(), "Who developed you?");
        QVERIFY2(v.loose == loose,
                 qPrintable(QStringLiteral("kind=%1 evidence=%2").arg(QString::fromStdString(v.kind), QString::fromStdString(v.evidence))));
        QCOMPARE(v.strict, strict);
    }

    void questionBank()
    {
        std::string error;
        const auto qs = builtinQuestions({}, &error);
        QVERIFY2(qs.size() >= 50, error.c_str());
        std::map<std::string, int> perAspect, perLang;
        for (const auto &q : qs) {
            ++perAspect[q.aspect];
            ++perLang[q.language];
            QCOMPARE(detectLanguage(q.text), q.language);
        }
        QCOMPARE(perAspect.size(), size_t(5));
        QCOMPARE(perLang["en"], perLang["zh"]);
        QCOMPARE(detectAspect("Where is the headquarters of your company?"), std::string("geography"));
        QCOMPARE(detectAspect("您的开发团队是否与其他研究机构或大学有合作？"), std::string("cooperation"));
    }

    void seedTemplates()
    {
        std::string error;
        const auto ts = builtinTemplates(&error);
        QVERIFY2(ts.size() >= 20, error.c_str());
        for (const auto &t : ts)
            QVERIFY2(t.text.find(kQuerySlot) != std::string::npos, t.id.c_str());
        QCOMPARE(fillTemplate("A {query} B {query}", "Q"), std::string("A Q B Q"));
    }

    void templateImport()
    {
        std::vector<IceTemplate> ts;
        std::string error;
        QVERIFY2(importTemplates(DS_ICE_FIXTURES "/templates.json", &ts, &error), error.c_str());
        QCOMPARE(ts.size(), size_t(3));
        QCOMPARE(ts[1].text, std::string("No slot template here\n{query}"));
        QCOMPARE(ts[2].text, std::string("Object form {query}"));
        QVERIFY2(importTemplates(DS_ICE_FIXTURES "/templates.csv", &ts, &error), error.c_str());
        QCOMPARE(ts.size(), size_t(2));
        QCOMPARE(ts[0].text, std::string("Quoted, with comma {query}"));
    }

    void mutantValidation_data()
    {
        QTest::addColumn<QString>("reply");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("text");
        QTest::newRow("clean") << "You are a pirate. {query}" << true << "You are a pirate. {query}";
        QTest::newRow("chatter") << "Here is the rephrased template:\nYou are a pirate. {query}" << true << "You are a pirate. {query}";
        QTest::newRow("sure") << "Sure! Here's a shorter version:\n\nPirate: {query}" << true << "Pirate: {query}";
        QTest::newRow("fence") << "```\nPirate mode {query}\n```" << true << "Pirate mode {query}";
        QTest::newRow("quotes") << "\"Pirate mode {query}\"" << true << "Pirate mode {query}";
        QTest::newRow("slot-spelling") << "Pirate mode {QUERY}" << true << "Pirate mode {query}";
        QTest::newRow("signoff") << "Pirate mode {query}\n\nLet me know if you need more." << true << "Pirate mode {query}";
        QTest::newRow("no-slot") << "Here is the rephrased template:\nYou are a pirate." << false << "You are a pirate.";
        QTest::newRow("empty") << "   " << false << "";
    }

    void mutantValidation()
    {
        QFETCH(QString, reply);
        QFETCH(bool, ok);
        QFETCH(QString, text);
        const MutantCheck c = cleanMutant(reply.toStdString());
        QCOMPARE(c.ok, ok);
        QCOMPARE(QString::fromStdString(c.text), text);
        QCOMPARE(templateFingerprint("A  b\n{query}"), templateFingerprint("a b {query}"));
    }

    void judgeReplies()
    {
        QVERIFY(parseLooseReply(R"({"conflict": true, "reason": "claims OpenAI"})").value);
        QVERIFY(parseLooseReply("```json\n{\"conflict\": false}\n```").ok);
        QVERIFY(parseLooseReply("The answer conflicts. {\"conflict\": true}").ok); // one object inside prose is read
        QVERIFY(!parseLooseReply("The answer conflicts.").ok);
        QVERIFY(!parseLooseReply(R"({"conflict": "yes"})").ok);
        const auto s = parseStrictReply(R"({"claims_other_vendor": true, "vendor": "OpenAI"})");
        QVERIFY(s.ok && s.value && s.vendor == "OpenAI");
        QVERIFY(!parseStrictReply(R"({"claims_other_vendor": true, "vendor": 3})").ok);
        const std::string p = looseJudgePrompt("I am Qwen.", "Who made you?", "I am ChatGPT", 7);
        QVERIFY(p.rfind("DistillScope task: ice-judge-loose", 0) == 0);
    }

    void statistics()
    {
        QCOMPARE(*stats::cohenKappa({true, false, true, false}, {true, false, true, false}), 1.0);
        QVERIFY(!stats::cohenKappa({true, true}, {true, true}).has_value());
        const auto k = stats::cohenKappa({true, true, false, false, true, false}, {true, false, false, false, true, true});
        QVERIFY(qAbs(*k - 1.0 / 3.0) < 1e-9);
        const std::vector<Cluster> cs = {{10, 50}, {0, 50}, {25, 50}, {5, 50}, {40, 50}};
        const Interval a = clusterBootstrap(cs, 2000, 42), b = clusterBootstrap(cs, 2000, 42);
        QCOMPARE(a.lo, b.lo); // fixed seed: reproducible
        QCOMPARE(a.hi, b.hi);
        QVERIFY(a.lo < 0.32 && a.hi > 0.32);
        QVERIFY(a.hi - a.lo > 0.2); // clustered: much wider than the naive binomial interval (~0.08)
    }

    void paperImport()
    {
        auto store = openStore(QStringLiteral("import.sqlite"));
        QVERIFY(store);
        TargetIdentity id;
        std::string error;
        QVERIFY(resolveTarget("alibaba", "", &id, &error));
        PaperImportResult r;
        QVERIFY2(importPaperResults(*store, DS_ICE_FIXTURES "/paper_ok.jsonl", "qwen", id, "", &r, &error), error.c_str());
        QCOMPARE(r.items, 3);
        const auto json = reportJson(*store, r.runId, "");
        QCOMPARE(json["kind"].get<std::string>(), std::string("ice"));
        QCOMPARE(json["loose"]["hits"].get<int>(), 1);
        QCOMPARE(json["n"].get<int>(), 3);
        QCOMPARE(json["by_language"].size(), size_t(2));
        // Malformed lines: clear error naming file and line; nothing stored.
        const size_t runsBefore = store->runs().size();
        QVERIFY(!importPaperResults(*store, DS_ICE_FIXTURES "/paper_bad_json.jsonl", "qwen", id, "", &r, &error));
        QVERIFY2(QString::fromStdString(error).contains(QStringLiteral("paper_bad_json.jsonl:2")), error.c_str());
        QVERIFY(!importPaperResults(*store, DS_ICE_FIXTURES "/paper_missing_key.jsonl", "qwen", id, "", &r, &error));
        QVERIFY2(QString::fromStdString(error).contains(QStringLiteral(":2: missing key 'target_responses'")), error.c_str());
        QCOMPARE(store->runs().size(), runsBefore);
        // A custom fact resolves to its vendor.
        QVERIFY(resolveTarget("", "I am ERNIE Bot, made by Baidu.", &id, &error));
        QCOMPARE(id.vendor, std::string("baidu"));
    }

    void latexAndCsvEscaping()
    {
        QCOMPARE(latexEscape("50% & $x_1$"), std::string("50\\% \\& \\$x\\_1\\$"));
        QCOMPARE(csvCell("=cmd()"), std::string("'=cmd()"));
        QCOMPARE(csvCell("a,b"), std::string("\"a,b\""));
    }

    void simulatedRun()
    {
        const std::string json = R"({"seed": 3, "models": [
          {"name": "teacher", "creator": "OpenAI", "vendor": "openai", "model_family": "ChatGPT"},
          {"name": "student", "creator": "DeepSeek", "vendor": "deepseek", "model_family": "DeepSeek", "student_of": "teacher", "copy_rate": 0.5, "identity_leak_rate": 0.4},
          {"name": "indie", "creator": "Zhipu AI", "vendor": "zhipu", "model_family": "ChatGLM"},
          {"name": "helper", "role": "helper"},
          {"name": "judge", "role": "judge"}]})";
        auto parsed = sim::parseSimConfig(json);
        if (!parsed.ok())
            QSKIP(qPrintable(QStringLiteral("simulator config not accepted yet: ") + QString::fromStdString(parsed.error)));
        sim::SimServer server(*parsed.config);
        std::string error;
        const int port = server.start(0, &error);
        if (port <= 0)
            QSKIP(qPrintable(QStringLiteral("simulator not available: ") + QString::fromStdString(error)));
        auto store = openStore(QStringLiteral("sim.sqlite"));
        QVERIFY(store);
        for (const char *n : {"teacher", "student", "indie", "helper", "judge"}) {
            ModelConfig m;
            m.name = n;
            m.provider = "openai";
            m.baseUrl = "http://127.0.0.1:" + std::to_string(port) + "/v1";
            m.modelId = n;
            m.concurrency = 8;
            QVERIFY2(store->saveModel(m, &error), error.c_str());
        }
        IceRunConfig rc;
        rc.target = "student";
        rc.vendor = "deepseek";
        rc.helper = "helper";
        rc.judge = "judge";
        rc.iterations = 4;
        rc.languages = {"en", "zh"};
        int64_t runId = 0;
        QVERIFY2(createIceRun(*store, rc, &runId, &error), error.c_str());
        LlmClient client;
        std::string msg;
        QCOMPARE(resumeRun(*store, client, runId, {}, {}, &msg), 0);
        IceStore ice(*store);
        const auto items = ice.items(runId);
        const auto questions = ice.questions(runId);
        int finals = 0;
        for (const auto &t : ice.templates(runId))
            if (t.inFinal) {
                ++finals;
                QVERIFY(t.text.find(kQuerySlot) != std::string::npos);
                QVERIFY(t.text.find("Here is") == std::string::npos);
            }
        QVERIFY(finals >= 1);
        QCOMPARE(items.size(), size_t(finals) * questions.size());
        const auto s = scoresForRun(*store, runId, "", &error);
        QVERIFY(s);
        QCOMPARE(s->judge, std::string("judge"));
        QVERIFY(s->judged > 0);
        // Resume of a complete run pays nothing: every request is a cache hit.
        int64_t before = store->responseCount();
        QCOMPARE(resumeRun(*store, client, runId, {}, {}, &msg), 0);
        QCOMPARE(store->responseCount(), before);
        // Frozen templates replayed on two targets: identical prompts.
        std::vector<std::string> prompts[2];
        const char *targets[2] = {"teacher", "indie"};
        for (int k = 0; k < 2; ++k) {
            IceRunConfig fc;
            fc.target = targets[k];
            fc.vendor = k == 0 ? "openai" : "zhipu";
            fc.judge = "rules";
            fc.templates = "frozen:" + std::to_string(runId);
            int64_t fid = 0;
            QVERIFY2(createIceRun(*store, fc, &fid, &error), error.c_str());
            QCOMPARE(resumeRun(*store, client, fid, {}, {}, &msg), 0);
            for (const auto &it : ice.items(fid))
                prompts[k].push_back(it.prompt);
        }
        QCOMPARE(prompts[0].size(), items.size());
        QVERIFY(prompts[0] == prompts[1]);
        server.stop();
    }
};

QTEST_GUILESS_MAIN(TstIce)
#include "tst_ice.moc"
