// The generic YAML walker on protobuf's own descriptor messages, which
// carry the field types the center schema does not use (enums, bools,
// repeated numbers).
#include "config/yaml_to_proto.h"

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "config/errors.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.pb.h"
#include "gtest/gtest.h"

namespace acd::config_internal {
namespace {

using ::testing::ElementsAre;

// Fills `message` from `yaml`; returns the error lines.
std::vector<std::string> Walk(std::string_view yaml,
                              google::protobuf::Message* message) {
  SourceMap lines;
  ErrorList errors("w.yaml", &lines);
  YamlToProto(yaml, message, &lines, &errors);
  if (errors.empty()) return {};
  return absl::StrSplit(errors.ToStatus().message(), '\n');
}

TEST(YamlToProto, EnumsBoolsAndRepeatedNumbers) {
  google::protobuf::FileDescriptorProto file;
  EXPECT_THAT(Walk("name: a.proto\n"
                   "public_dependency: [3, 1]\n"
                   "message_type:\n"
                   "  - name: M\n"
                   "    field:\n"
                   "      - {name: f, number: 7, type: TYPE_STRING,\n"
                   "         proto3_optional: true}\n",
                   &file),
              ElementsAre());
  EXPECT_EQ(file.name(), "a.proto");
  EXPECT_THAT(file.public_dependency(), ElementsAre(3, 1));
  const auto& field = file.message_type(0).field(0);
  EXPECT_EQ(field.number(), 7);
  EXPECT_EQ(field.type(), google::protobuf::FieldDescriptorProto::TYPE_STRING);
  EXPECT_TRUE(field.proto3_optional());
}

TEST(YamlToProto, EnumAndBoolErrors) {
  google::protobuf::FieldDescriptorProto field;
  EXPECT_THAT(
      Walk("type: STRING\nproto3_optional: maybe\n", &field),
      ElementsAre(
          "w.yaml:1: type: expected one of TYPE_DOUBLE, TYPE_FLOAT, "
          "TYPE_INT64, TYPE_UINT64, TYPE_INT32, TYPE_FIXED64, TYPE_FIXED32, "
          "TYPE_BOOL, TYPE_STRING, TYPE_GROUP, TYPE_MESSAGE, TYPE_BYTES, "
          "TYPE_UINT32, TYPE_ENUM, TYPE_SFIXED32, TYPE_SFIXED64, "
          "TYPE_SINT32, TYPE_SINT64, got \"STRING\"",
          "w.yaml:2: proto3_optional: expected true or false, got "
          "\"maybe\""));
}

TEST(YamlToProto, RepeatedNumberErrorsNameTheItem) {
  google::protobuf::FileDescriptorProto file;
  EXPECT_THAT(Walk("public_dependency:\n  - 1\n  - x\n  - [2]\n", &file),
              ElementsAre("w.yaml:3: public_dependency[1]: expected a 32-bit "
                          "integer, got \"x\"",
                          "w.yaml:4: public_dependency[2]: expected a 32-bit "
                          "integer, got a list"));
}

TEST(YamlToProto, LongScalarsAreCutInErrors) {
  google::protobuf::FieldDescriptorProto field;
  EXPECT_THAT(Walk("number: " + std::string(60, '9') + "\n", &field),
              ElementsAre("w.yaml:1: number: expected a 32-bit integer, got "
                          "\"" +
                          std::string(40, '9') + "...\""));
}

// A list under the root is read item by item (a center's agents are never
// held whole): the items, their errors and lines are those of the whole
// list.
TEST(YamlToProto, RootListsItemByItem) {
  google::protobuf::FileDescriptorProto file;
  EXPECT_THAT(Walk("name: a.proto\n"
                   "message_type:\n"
                   "  - name: A\n"
                   "  - name: B\n"
                   "    field: [{number: x}]\n"
                   "  - name: C\n"
                   "package: p\n",
                   &file),
              ElementsAre("w.yaml:5: message_type[1].field[0].number: expected a "
                          "32-bit integer, got \"x\""));
  ASSERT_EQ(file.message_type_size(), 3);
  EXPECT_EQ(file.message_type(2).name(), "C");
  EXPECT_EQ(file.package(), "p");
}

TEST(YamlToProto, ARootListGivenTwiceKeepsTheFirst) {
  google::protobuf::FileDescriptorProto file;
  EXPECT_THAT(Walk("message_type:\n  - name: A\nmessage_type:\n  - name: B\n", &file),
              ElementsAre("w.yaml:3: message_type: field given twice"));
  ASSERT_EQ(file.message_type_size(), 1);
  EXPECT_EQ(file.message_type(0).name(), "A");
}

TEST(YamlToProto, AnAnchoredRootListServesItsAliases) {
  google::protobuf::FileDescriptorProto file;
  EXPECT_THAT(Walk("public_dependency: &d [1, 2]\nweak_dependency: *d\n", &file),
              ElementsAre());
  EXPECT_THAT(file.public_dependency(), ElementsAre(1, 2));
  EXPECT_THAT(file.weak_dependency(), ElementsAre(1, 2));
}

TEST(YamlToProto, ASecondDocumentIsTheOnlyError) {
  // The first document is read before the second is seen: its errors and
  // its values are dropped.
  google::protobuf::FileDescriptorProto file;
  EXPECT_THAT(Walk("name: a\nbogus: 1\n---\nname: b\n", &file),
              ElementsAre("w.yaml:4: expected one YAML document, found 2"));
  EXPECT_EQ(file.name(), "");
}

}  // namespace
}  // namespace acd::config_internal
