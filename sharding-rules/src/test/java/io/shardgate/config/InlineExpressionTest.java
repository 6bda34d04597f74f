package io.shardgate.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InlineExpressionTest {

    @Test
    void leftmostRangeVariesSlowest() {
        assertThat(InlineExpression.expand("ds${0..1}.orders_${0..2}")).containsExactly(
                "ds0.orders_0", "ds0.orders_1", "ds0.orders_2", "ds1.orders_0", "ds1.orders_1", "ds1.orders_2");
    }

    @Test
    void leadingZerosPadToTheWrittenWidth() {
        assertThat(InlineExpression.expand("t_${08..11}")).containsExactly("t_08", "t_09", "t_10", "t_11");
        assertThat(InlineExpression.expand("t_${8..11}")).containsExactly("t_8", "t_9", "t_10", "t_11");
    }

    @Test
    void textWithoutRangesIsItself() {
        assertThat(InlineExpression.expand("ds0.orders")).containsExactly("ds0.orders");
    }

    @Test
    void refusesWhatItCannotExpand() {
        assertThatThrownBy(() -> InlineExpression.expand("t_${3..1}")).hasMessageContaining("descending");
        assertThatThrownBy(() -> InlineExpression.expand("t_${x}")).hasMessageContaining("cannot expand 't_${x}'");
        assertThatThrownBy(() -> InlineExpression.expand("${0..999}.t_${0..999}"))
                .hasMessageContaining("more than 65536");
    }
}
